import Dispatch
import Foundation
import HeartbeatCore

/// Imports a Telegram Desktop JSON export (`result.json`, or the folder holding it) into a store.
///
/// A single-chat export (chat menu > Export chat history) becomes workspace `chat-<id>` with one
/// space. A full export (Settings > Advanced > Export Telegram data) becomes ONE workspace,
/// `export-<user id>`, with every group and channel of `chats` and `left_chats` a space: so a person
/// in several groups is one identity and the whole export is one all-or-nothing transaction.
/// Personal chats, saved messages and bot chats are left out: a community is a group.
///
/// Idempotent: each chat is a source keyed `telegram/<chat id>` carrying the fingerprint of the
/// whole file (Telegram writes one file), so re-importing the same file writes nothing and a changed
/// file replaces each chat's activities.
public struct TelegramImporter: Sendable {
    public var path: String
    public var options: ImportOptions

    public init(path: String, options: ImportOptions = ImportOptions()) {
        self.path = path
        self.options = options
    }

    public func run(
        into store: any CommunityStore, progress: (@Sendable (ImportProgress) -> Void)? = nil
    ) async throws -> ImportSummary {
        let started = DispatchTime.now()
        return try await TelegramImportJob(path: path, options: options).run(into: store, started: started, progress: progress)
    }
}

/// A Telegram export read, checked and mapped, ready to write. Immutable once built.
final class TelegramImportJob: ImportJob, @unchecked Sendable {
    struct MappedChat {
        var space: Space
        var source: SourceFile
        var activities: [Activity]
    }

    let workspace: Workspace
    let chats: [MappedChat]
    let identities: [Identity]
    let diagnostics: [Diagnostic]
    let bytesRead: Int64

    init(path: String, options: ImportOptions) throws {
        let archive = try openJSONExport(at: path, expected: "the result.json Telegram Desktop wrote, or its folder")
        let candidates = archive.entries.filter { $0.path == "result.json" || $0.path.hasSuffix("/result.json") }
        guard let entry = candidates.min(by: { $0.path.count < $1.path.count })
            ?? (archive.entries.count == 1 && archive.entries[0].path.hasSuffix(".json") ? archive.entries[0] : nil)
        else {
            throw ImportError.notATelegramExport(path, detail: "no result.json found among its \(archive.entries.count) files")
        }
        let data = try archive.read(entry)
        bytesRead = Int64(data.count)
        let export: TelegramExport
        do {
            export = try JSONFileDecoder.decode(TelegramExport.self, from: data, path: entry.path)
        } catch let error as ImportError {
            // Well-formed JSON of another shape (a Discord export) deserves "wrong file", not a field error.
            if let keys = topLevelKeys(of: data), !keys.contains("chats"), !(keys.contains("messages") && keys.contains("type")) {
                throw ImportError.notATelegramExport(entry.path, detail: "neither `messages` (one chat) nor `chats` (a full export) at the top level")
            }
            throw error
        }
        let fingerprint = archive.fingerprint(of: entry, data: data)

        var chatsWithElement: [(chat: TelegramChat, element: String)] = []
        if let messages = export.messages {
            guard let id = export.id else {
                throw ImportError.notATelegramExport(entry.path, detail: "a chat with `messages` but no `id`")
            }
            chatsWithElement = [(TelegramChat(name: export.name, type: export.type, id: id, messages: messages), "")]
            workspace = Workspace(platform: .telegram, externalID: "chat-\(id)", name: options.workspaceName ?? export.name ?? "Telegram chat \(id)")
        } else if export.chats != nil || export.leftChats != nil {
            for (index, chat) in (export.chats?.list ?? []).enumerated() { chatsWithElement.append((chat, "chats.list[\(index)]")) }
            for (index, chat) in (export.leftChats?.list ?? []).enumerated() { chatsWithElement.append((chat, "left_chats.list[\(index)]")) }
            let owner = export.personalInformation?.userID.map(String.init) ?? "telegram"
            workspace = Workspace(platform: .telegram, externalID: "export-\(owner)", name: options.workspaceName ?? "Telegram")
        } else {
            throw ImportError.notATelegramExport(entry.path, detail: "neither `messages` (one chat) nor `chats` (a full export) at the top level")
        }

        var diagnostics: [Diagnostic] = []
        let personal = chatsWithElement.filter { $0.chat.isPersonal }.count
        if personal > 0 {
            diagnostics.append(
                Diagnostic(
                    severity: .note, file: entry.path,
                    message: "\(personal) personal chat(s) (one-to-one, saved messages or bot chats) left out: only groups and channels are communities"))
        }
        var exportNames: [String: String] = [:]
        for (chat, _) in chatsWithElement where !chat.isPersonal {
            for message in chat.messages ?? [] {
                if let id = message.fromID, let name = message.from { exportNames[name] = id }
                if let id = message.actorID, let name = message.actor { exportNames[name] = id }
            }
        }
        let mapper = TelegramChatMapper(exportNames: exportNames, path: entry.path)
        var accounts = TelegramAccounts()
        var chats: [MappedChat] = []
        var unknownTypes: [String: Int] = [:]
        for (chat, element) in chatsWithElement where !chat.isPersonal {
            let result = try mapper.map(chat, element: element, accounts: &accounts)
            for (type, count) in result.unknownTypes { unknownTypes[type, default: 0] += count }
            chats.append(
                MappedChat(
                    space: Space(externalID: String(chat.id), name: chat.name ?? "chat \(chat.id)", kind: chat.spaceKind),
                    source: SourceFile(key: "telegram/\(chat.id)", path: entry.path, fingerprint: fingerprint),
                    activities: result.activities))
        }
        for (type, count) in unknownTypes.sorted(by: { $0.key < $1.key }) {
            diagnostics.append(
                Diagnostic(
                    file: entry.path,
                    message: "unknown message type '\(type)' (\(count)×): kept as 'other', not counted as posts"))
        }
        self.chats = chats
        self.diagnostics = diagnostics
        identities = accounts.identities
    }

    func write(
        into transaction: any IngestTransaction, started: DispatchTime,
        progress: (@Sendable (ImportProgress) -> Void)?
    ) throws -> ImportSummary {
        var summary = ImportSummary(workspace: workspace)
        summary.diagnostics = diagnostics
        summary.dayFiles = chats.count
        summary.identities = identities.count
        summary.spaces = chats.count
        summary.bytesRead = bytesRead
        let changed = try chats.filter { try transaction.fingerprint(ofSource: $0.source.key) != $0.source.fingerprint }
        summary.dayFilesUnchanged = chats.count - changed.count
        // Accounts and chats are written only when something changed, so a re-import writes nothing.
        if !changed.isEmpty {
            try transaction.upsertIdentities(identities)
            try transaction.upsertSpaces(chats.map(\.space))
        }
        for (done, chat) in changed.enumerated() {
            summary.activitiesWritten += try transaction.replaceSource(
                chat.source, spaceExternalID: chat.space.externalID, activities: chat.activities)
            summary.dayFilesImported += 1
            progress?(
                ImportProgress(
                    filesDone: summary.dayFilesUnchanged + done + 1, filesTotal: chats.count,
                    activities: summary.activitiesWritten, bytesRead: bytesRead,
                    secondsElapsed: ImportClock.seconds(since: started)))
        }
        return summary
    }
}
