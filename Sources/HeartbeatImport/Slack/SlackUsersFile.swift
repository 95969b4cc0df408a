import HeartbeatCore

/// `users.json` of an export, read and parsed, with the source record an import keeps of it.
struct SlackUsersFile: Sendable {
    var users: [SlackUser]
    var source: SourceFile

    init(archive: any ExportArchive, layout: SlackExportLayout) throws {
        let data = try archive.read(layout.users)
        users = try SlackUserReader.read(data, path: layout.users.path)
        source = SourceFile(
            key: "users.json", path: layout.users.path, fingerprint: archive.fingerprint(of: layout.users, data: data),
            modified: layout.users.modified)
    }

    /// Starts reading `users.json` on another core, for an import that may need it: while the
    /// store checks whether the export changed at all (an unchanged export never needs it), so a
    /// changed one does not wait the read (23 MB for 50,000 members, 0.06 s) afterwards. Only for
    /// archives that can be read from several threads (folders, not zips).
    static func readInBackground(archive: any ExportArchive, layout: SlackExportLayout) -> Task<SlackUsersFile, any Error>? {
        guard archive.supportsConcurrentReads else { return nil }
        let archive = UncheckedArchive(archive: archive)
        return Task.detached(priority: .userInitiated) { try SlackUsersFile(archive: archive.archive, layout: layout) }
    }

    /// A folder archive crosses to the reading task: it only opens files by path.
    private struct UncheckedArchive: @unchecked Sendable {
        let archive: any ExportArchive
    }
}
