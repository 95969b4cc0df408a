import Foundation
import HeartbeatCore

/// One file given on its own (a DiscordChatExporter channel `.json`, a Telegram `result.json`), seen
/// as an export of one entry so importers read single files and folders the same way.
final class SingleFileExportArchive: ExportArchive {
    let location: String
    let entries: [ExportEntry]
    private let url: URL

    init(path: String) throws {
        location = path
        url = URL(fileURLWithPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        entries = [ExportEntry(path: url.lastPathComponent, size: Int64(size), knownFingerprint: nil)]
    }

    func read(_ entry: ExportEntry) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw ImportError.unreadableEntry(entry.path, reason: "\(error.localizedDescription)")
        }
    }
}

/// Opens `path` as a single `.json` file, a folder or a zip archive, whichever it is; `expected`
/// tells the user what to give when nothing is there.
func openJSONExport(at path: String, expected: String) throws -> any ExportArchive {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw ImportError.exportNotFound(path, expected: expected)
    }
    if !isDirectory.boolValue, path.lowercased().hasSuffix(".json") { return try SingleFileExportArchive(path: path) }
    return try openExportArchive(at: path)
}
