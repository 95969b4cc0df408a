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
        func metadata(_ name: String) -> ExportEntry? { entries.first { $0.path == prefix + name } }
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
        for entry in entries where entry.path.hasPrefix(prefix) && entry.path.hasSuffix(".json") {
            let relative = entry.path.dropFirst(prefix.count)
            let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let name = parts[1].dropLast(".json".count)
            if let date = CivilDate(iso: name) {
                days.append(DayFile(entry: entry, folder: String(parts[0]), date: date))
            } else {
                bad.append(entry)
            }
        }
        dayFiles = days
        badlyNamed = bad
    }

    private static func isMetadata(_ path: String, _ name: String) -> Bool {
        path == name || path.hasSuffix("/" + name) && path.split(separator: "/").count <= 2
    }
}
