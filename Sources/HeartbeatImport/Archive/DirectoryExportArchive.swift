import Foundation
import HeartbeatCore

/// An unzipped export: a folder holding `users.json`, `channels.json` and one folder per channel.
final class DirectoryExportArchive: ExportArchive {
    let location: String
    let entries: [ExportEntry]
    private let root: URL

    init(path: String) throws {
        location = path
        root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey]
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
        else { throw ImportError.exportNotFound(path) }
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var list: [ExportEntry] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: Set(keys))
            guard values?.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(rootPath) else { continue }
            list.append(
                ExportEntry(
                    path: String(full.dropFirst(rootPath.count)), size: Int64(values?.fileSize ?? 0),
                    knownFingerprint: nil))
        }
        entries = list.sorted { $0.path < $1.path }
    }

    func read(_ entry: ExportEntry) throws -> Data {
        do {
            return try Data(contentsOf: root.appendingPathComponent(entry.path))
        } catch {
            throw ImportError.unreadableEntry(entry.path, reason: "\(error.localizedDescription)")
        }
    }
}
