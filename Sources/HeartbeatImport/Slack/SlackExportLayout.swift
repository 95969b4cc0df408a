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
    /// Files named like day files but whose name is not a real date.
    var badlyNamed: [ExportEntry]
    /// The fingerprint of the whole listing, for a folder without badly named files: computed
    /// once here for the unchanged check and the record a complete import leaves.
    private(set) var listing: SlackExportListing?

    init(archive: any ExportArchive) throws {
        let entries = archive.entries
        guard let channelsEntry = entries.filter({ $0.path.hasSuffix("channels.json") && Self.isMetadata($0.path, "channels.json") })
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
            return entries.first { $0.path == path }
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
        // One `String` per folder, not per file (33,191 files in 60 folders for the 1M bench).
        var folders: [Substring: String] = [:]
        for entry in entries where entry.path.hasPrefix(prefix) && entry.path.hasSuffix(".json") {
            let relative = entry.path.utf8.dropFirst(prefix.utf8.count)
            // `folder/name.json`: exactly one slash.
            guard let slash = relative.firstIndex(of: UInt8(ascii: "/")),
                !relative[relative.index(after: slash)...].contains(UInt8(ascii: "/"))
            else { continue }
            let folderName = Substring(relative[..<slash])
            let name = Substring(relative[relative.index(after: slash)...]).dropLast(".json".count)
            if let date = CivilDate(iso: name) {
                let folder = folders[folderName] ?? String(folderName)
                folders[folderName] = folder
                days.append(DayFile(entry: entry, folder: folder, date: date))
            } else {
                bad.append(entry)
            }
        }
        dayFiles = days
        badlyNamed = bad
        listing = SlackExportListing(layout: self)
    }

    private static func isMetadata(_ path: String, _ name: String) -> Bool {
        path == name || path.hasSuffix("/" + name) && path.split(separator: "/").count <= 2
    }
}
