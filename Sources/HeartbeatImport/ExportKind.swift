import Foundation

/// Which importer a path needs, recognised from its name and first bytes so `heartbeat ingest`
/// takes any export without being told.
public enum ExportKind: String, Sendable, CaseIterable {
    case slack, discord, telegram, github

    /// The kind of the export at `path`, or an error saying what each kind looks like.
    public static func detect(_ path: String) throws -> ExportKind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImportError.exportNotFound(path)
        }
        let lower = path.lowercased()
        if !isDirectory.boolValue {
            if lower.hasSuffix(".zip") { return .slack }
            if lower.hasSuffix(".gz") { return .github }
            if let kind = kind(ofJSONFile: path) { return kind }
            throw ImportError.unknownExport(path)
        }
        // The usual layouts are recognised from the top folder alone: walking every file of a
        // large Slack export with Foundation took a seventh of an unchanged re-import.
        let top = Set((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
        if top.contains("users.json") && top.contains("channels.json") { return .slack }
        if top.contains("result.json") { return .telegram }
        let files = (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []
        let names = Set(files.map { ($0 as NSString).lastPathComponent })
        if names.contains("users.json") && names.contains("channels.json") { return .slack }
        if names.contains("result.json") { return .telegram }
        for file in files.sorted() where file.hasSuffix(".json") || file.hasSuffix(".json.gz") {
            let full = (path as NSString).appendingPathComponent(file)
            if file.hasSuffix(".gz") { return .github }
            if let kind = kind(ofJSONFile: full) { return kind }
        }
        throw ImportError.unknownExport(path)
    }

    /// Reads the first 64 KiB: Discord files start with `guild`, Telegram's with `name`/`about` and
    /// hold `messages` or `chats`, GitHub REST output is an array, GH Archive is lines of events.
    static func kind(ofJSONFile path: String) -> ExportKind? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 65_536), as: UTF8.self)
        guard let first = head.first(where: { !$0.isWhitespace && $0 != "\u{FEFF}" }) else { return nil }
        if first == "[" { return .github }
        guard first == "{" else { return nil }
        if head.contains("\"guild\"") && head.contains("\"channel\"") { return .discord }
        if head.contains("\"actor\"") && head.contains("\"repo\"") { return .github }
        if head.contains("\"chats\"") || head.contains("\"messages\"") { return .telegram }
        return nil
    }
}
