import Dispatch
import Foundation
import HeartbeatCore

/// Imports DiscordChatExporter JSON (one file per channel or thread, or a folder or zip of them,
/// searched recursively for `*.json`) into a store as one Discord server (guild).
///
/// Two passes, one file in memory at a time: the first reads every file to check it, date every
/// message, find each thread's first message and each account's latest name (a reply may answer a
/// message in another file when the exporter split a channel by date); the second, inside one store
/// transaction, maps and writes the files that changed. Idempotent: each file is a source keyed
/// `discord/<channel id>/<file name>` with a CRC-32 fingerprint, so an unchanged file is skipped and a
/// changed one replaces what it gave before. All-or-nothing unless `skipBadFiles` is set.
///
/// A thread's messages are stored in its parent channel's space: its first message is a top-level
/// message and the rest are replies to it, as a Slack thread would be.
public struct DiscordImporter: Sendable {
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
        return try await DiscordImportJob(path: path, options: options).run(into: store, started: started, progress: progress)
    }
}

/// The state of one Discord import, built by the first pass. Used by one thread at a time (the
/// store's writer), hence `@unchecked Sendable`.
final class DiscordImportJob: ImportJob, @unchecked Sendable {
    /// One readable channel file found by the first pass.
    struct ChannelFile {
        var entry: ExportEntry
        var source: SourceFile
        /// The space its messages go to: the channel, or a thread's parent channel.
        var spaceID: String
    }

    let archive: any ExportArchive
    let options: ImportOptions
    let workspace: Workspace
    let files: [ChannelFile]
    let spaces: [Space]
    let index: DiscordRunIndex
    let fileCount: Int
    private let skipped: [ImportError]
    private let bytesRead: Int64

    init(path: String, options: ImportOptions) throws {
        self.options = options
        archive = try openJSONExport(at: path, expected: "a DiscordChatExporter .json file, or a folder or .zip of them")
        let entries = archive.entries.filter { $0.path.lowercased().hasSuffix(".json") }
        guard !entries.isEmpty else {
            throw ImportError.notADiscordExport(path, detail: "no .json file found among its \(archive.entries.count) files")
        }
        fileCount = entries.count
        var index = DiscordRunIndex()
        var files: [ChannelFile] = []
        var channelSpaces: [String: Space] = [:]
        var parentSpaces: [String: Space] = [:]
        var firstGuild: (guild: DiscordExport.Guild, file: String)?
        var skipped: [ImportError] = []
        var bytes: Int64 = 0
        for entry in entries {
            do {
                let data = try archive.read(entry)
                bytes += Int64(data.count)
                let export = try Self.decode(data, path: entry.path)
                let (guild, channel, messages) = (export.guild!, export.channel!, export.messages!)
                if let first = firstGuild, first.guild.id != guild.id {
                    throw ImportError.mixedDiscordGuilds(
                        entry.path, guild: "\(guild.name ?? "?") (\(guild.id))", firstFile: first.file,
                        firstGuild: "\(first.guild.name ?? "?") (\(first.guild.id))")
                }
                if firstGuild == nil { firstGuild = (guild, entry.path) }
                let spaceID: String
                if channel.isThread {
                    spaceID = channel.categoryId ?? channel.id
                    parentSpaces[spaceID] = Space(
                        externalID: spaceID, name: channel.category ?? spaceID, kind: .publicChannel)
                } else {
                    spaceID = channel.id
                    channelSpaces[spaceID] = Space(
                        externalID: spaceID, name: channel.name ?? spaceID, kind: .publicChannel,
                        topic: channel.topic?.nilIfEmpty)
                }
                for (position, message) in messages.enumerated() {
                    let time = try DiscordMessageMapper.time(of: message, at: position, path: entry.path)
                    _ = try DiscordMessageMapper.editedTime(of: message, at: position, path: entry.path)
                    index.add(message, time: time, threadID: channel.isThread ? channel.id : nil)
                }
                let fileName = entry.path.split(separator: "/").last.map(String.init) ?? entry.path
                files.append(
                    ChannelFile(
                        entry: entry,
                        source: SourceFile(
                            key: "discord/\(channel.id)/\(fileName)", path: entry.path,
                            fingerprint: archive.fingerprint(of: entry, data: data)),
                        spaceID: spaceID))
            } catch let error as ImportError where options.skipBadFiles {
                skipped.append(error)
            }
        }
        guard let guild = firstGuild?.guild else {
            // Every file was bad and skipped.
            throw skipped.first ?? ImportError.notADiscordExport(path, detail: "no channel file could be read")
        }
        self.files = files
        self.index = index
        self.skipped = skipped
        bytesRead = bytes
        // A channel's own file describes it best; a thread names only its parent's id and name.
        spaces = parentSpaces.merging(channelSpaces) { _, own in own }.values.sorted { $0.externalID < $1.externalID }
        workspace = Workspace(
            platform: .discord, externalID: guild.id, name: options.workspaceName ?? guild.name ?? "Discord server")
    }

    /// Decodes one file, insisting on DiscordChatExporter's `guild`, `channel` and `messages`.
    static func decode(_ data: Data, path: String) throws -> DiscordExport {
        let export: DiscordExport
        do {
            export = try JSONFileDecoder.decode(DiscordExport.self, from: data, path: path)
        } catch let error as ImportError {
            // Well-formed JSON of another shape (a Telegram export) deserves "wrong file", not a field error.
            if let keys = topLevelKeys(of: data), !(keys.contains("guild") && keys.contains("channel")) {
                throw ImportError.notADiscordExport(path, detail: "no `guild` and `channel` at the top level")
            }
            throw error
        }
        let missing = [("guild", export.guild == nil), ("channel", export.channel == nil), ("messages", export.messages == nil)]
            .filter(\.1).map { "`\($0.0)`" }
        guard missing.isEmpty else {
            throw ImportError.notADiscordExport(path, detail: "no \(missing.joined(separator: ", ")) at the top level")
        }
        return export
    }

    func write(
        into transaction: any IngestTransaction, started: DispatchTime,
        progress: (@Sendable (ImportProgress) -> Void)?
    ) throws -> ImportSummary {
        var summary = ImportSummary(workspace: workspace)
        summary.skipped = skipped
        summary.dayFiles = fileCount
        summary.bytesRead = bytesRead
        summary.identities = index.accounts.count
        summary.spaces = spaces.count
        var changed: [ChannelFile] = []
        for file in files {
            if try transaction.fingerprint(ofSource: file.source.key) == file.source.fingerprint {
                summary.dayFilesUnchanged += 1
            } else {
                changed.append(file)
            }
        }
        // Accounts and channels are written only when a file changed, so a re-import writes nothing.
        if !changed.isEmpty {
            try transaction.upsertIdentities(index.identities)
            try transaction.upsertSpaces(spaces)
        }
        var unknownTypes: [String: (count: Int, file: String)] = [:]
        for (done, file) in changed.enumerated() {
            let data = try archive.read(file.entry)
            let export = try Self.decode(data, path: file.entry.path)
            var mapper = DiscordMessageMapper(index: index)
            mapper.storedMessage = { id in try transaction.storedActivity(space: file.spaceID, externalID: id) }
            let mapped = try mapper.map(export, messages: export.messages ?? [], path: file.entry.path)
            summary.activitiesWritten += try transaction.replaceSource(
                file.source, spaceExternalID: file.spaceID, activities: mapped.activities)
            summary.dayFilesImported += 1
            for (type, count) in mapped.unknownTypes {
                unknownTypes[type, default: (0, file.entry.path)].count += count
            }
            progress?(
                ImportProgress(
                    filesDone: summary.dayFilesUnchanged + done + 1, filesTotal: fileCount,
                    activities: summary.activitiesWritten, bytesRead: bytesRead,
                    secondsElapsed: ImportClock.seconds(since: started)))
        }
        for (type, seen) in unknownTypes.sorted(by: { $0.key < $1.key }) {
            summary.diagnostics.append(
                Diagnostic(
                    file: seen.file,
                    message: "unknown message type '\(type)' (\(seen.count)×, first here): kept as 'other', not counted as posts"))
        }
        return summary
    }
}
