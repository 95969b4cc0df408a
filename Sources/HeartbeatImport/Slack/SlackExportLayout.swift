import Foundation
import HeartbeatCore

/// Where things are in a Slack export: the metadata files and the day files of each conversation
/// folder. Tolerates exports re-zipped inside one top folder.
struct SlackExportLayout {
    struct DayFile {
        var entry: ExportEntry
        /// Folder name (channel name, or DM id).
        var folder: String
        var date: CivilDate
    }

    var prefix: String
    var users: ExportEntry
    var channels: ExportEntry
    var groups: ExportEntry?
    var mpims: ExportEntry?
    var dms: ExportEntry?
    var dayFiles: [DayFile]
    /// Every folder holding day files, once, in listing order.
    var folders: [String]
    /// Files named like day files but whose name is not a real date.
    var badlyNamed: [ExportEntry]
    /// The fingerprint of the whole listing, for a folder without badly named files: computed
    /// once here for the unchanged check and the record a complete import leaves.
    private(set) var listing: SlackExportListing?

    init(archive: any ExportArchive) throws {
        let entries = archive.entries
        // The few entries named like a metadata file, found by their bytes: 33,191 `hasSuffix`
        // and `==` calls (which compare characters) took 2 ms of a one-more-day import.
        let named = entries.indices.filter { Self.hasMetadataName(entries[$0].path) }
        guard let channelsEntry = named.lazy.map({ entries[$0] })
            .filter({ $0.path.hasSuffix("channels.json") && Self.isMetadata($0.path, "channels.json") })
            .min(by: { $0.path.count < $1.path.count })
        else {
            let hasUsers = entries.contains { $0.path.hasSuffix("users.json") }
            throw ImportError.notAnExport(
                archive.location, missing: hasUsers ? ["channels.json"] : ["users.json", "channels.json"],
                sawFiles: entries.count)
        }
        let prefix = String(channelsEntry.path.dropLast("channels.json".count))
        func metadata(_ name: String) -> ExportEntry? {
            let path = prefix + name
            return named.lazy.map { entries[$0] }.first { $0.path == path }
        }
        guard let usersEntry = metadata("users.json") else {
            throw ImportError.notAnExport(archive.location, missing: ["users.json"], sawFiles: entries.count)
        }
        self.prefix = prefix
        users = usersEntry
        channels = channelsEntry
        groups = metadata("groups.json")
        mpims = metadata("mpims.json")
        dms = metadata("dms.json")
        var days: [DayFile] = []
        var bad: [ExportEntry] = []
        days.reserveCapacity(entries.count)
        // One `String` per folder, not per file (33,191 files in 60 folders for the 1M bench), and
        // each path looked at as bytes: with `hasSuffix`, `dropLast` and `Substring` comparisons
        // (which compare characters) this loop cost 0.02 s, a tenth of a one-more-day import.
        var folders: [String] = []
        var folderByName: [String: String] = [:]
        let prefixBytes = Array(prefix.utf8)
        // The last new folder's name, as bytes for `memcmp`: files of one folder come together.
        var lastFolder: [UInt8]?
        for index in entries.indices {
            let path = entries[index].path
            let match = path.utf8.withContiguousStorageIfAvailable { bytes in
                Self.dayFile(bytes, prefix: prefixBytes, lastFolder: lastFolder)
            } ?? Array(path.utf8).withUnsafeBufferPointer { Self.dayFile($0, prefix: prefixBytes, lastFolder: lastFolder) }
            switch match {
            case .none:
                continue
            case .badDate:
                bad.append(entries[index])
            case .day(let folderName, let date):
                let folder: String
                if let folderName {
                    if let known = folderByName[folderName] {
                        folder = known
                    } else {
                        folder = folderName
                        folderByName[folderName] = folder
                        folders.append(folder)
                        lastFolder = Array(folder.utf8)
                    }
                } else {
                    folder = folders[folders.count - 1]
                }
                days.append(DayFile(entry: entries[index], folder: folder, date: date))
            }
        }
        dayFiles = days
        self.folders = folders
        badlyNamed = bad
        listing = SlackExportListing(layout: self)
    }

    private enum PathMatch {
        /// Not `<prefix><folder>/<name>.json`.
        case none
        /// A day file's place, but its name is not a real date.
        case badDate
        /// A day file; `folder` is `nil` when it is the same as the previous file's.
        case day(folder: String?, date: CivilDate)
    }

    private static let jsonSuffix = Array(".json".utf8)

    private static func dayFile(_ path: UnsafeBufferPointer<UInt8>, prefix: [UInt8], lastFolder: [UInt8]?) -> PathMatch {
        let suffix = Self.jsonSuffix
        guard path.count > prefix.count + suffix.count, path.starts(with: prefix),
            path[(path.count - suffix.count)...].elementsEqual(suffix)
        else { return .none }
        let body = path[prefix.count..<(path.count - suffix.count)]
        // `folder/name`: exactly one slash, with a folder before it.
        guard let slash = body.firstIndex(of: UInt8(ascii: "/")), slash > body.startIndex,
            !body[(slash + 1)...].contains(UInt8(ascii: "/"))
        else { return .none }
        guard let date = CivilDate(isoUTF8: UnsafeBufferPointer(rebasing: body[(slash + 1)...])) else { return .badDate }
        let folderBytes = UnsafeBufferPointer(rebasing: body[..<slash])
        if let lastFolder, lastFolder.count == folderBytes.count,
            memcmp(lastFolder, folderBytes.baseAddress!, folderBytes.count) == 0
        {
            return .day(folder: nil, date: date)
        }
        return .day(folder: String(decoding: folderBytes, as: UTF8.self), date: date)
    }

    private static let metadataNames = ["users.json", "channels.json", "groups.json", "mpims.json", "dms.json"].map {
        Array($0.utf8)
    }

    /// Whether the path's last component is one of `metadataNames`, which all end in `s.json`
    /// (a day file ends in a digit and `.json`: one byte tells most paths apart).
    private static func hasMetadataName(_ path: String) -> Bool {
        func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard bytes.count >= 7, bytes[bytes.count - 6] == UInt8(ascii: "s") else { return false }
            let name = bytes.lastIndex(of: UInt8(ascii: "/")).map { bytes[($0 + 1)...] } ?? bytes[...]
            return metadataNames.contains { name.elementsEqual($0) }
        }
        return path.utf8.withContiguousStorageIfAvailable(check) ?? Array(path.utf8).withUnsafeBufferPointer(check)
    }

    private static func isMetadata(_ path: String, _ name: String) -> Bool {
        path == name || path.hasSuffix("/" + name) && path.split(separator: "/").count <= 2
    }
}

