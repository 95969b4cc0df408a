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
}
