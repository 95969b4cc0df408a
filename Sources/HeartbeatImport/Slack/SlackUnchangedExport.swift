import HeartbeatCore

/// The quick answer for a Slack export folder imported before and untouched since: every file's
/// size and modification time equal what the store recorded, so nothing needs reading, not even
/// `users.json` (23 MB for 50,000 members, the largest part of such a re-import). The workspace
/// comes from the store's record of `users.json`, the day files' keys from its stored spaces.
/// Anything different (a new or changed file, a zip, a second workspace with the same file)
/// returns `nil` and the import runs in full.
enum SlackUnchangedExport {
    /// Thrown inside the transaction to leave it untouched when the export did change.
    private struct Changed: Error {}

    static func summary(
        archive: any ExportArchive, layout: SlackExportLayout, options: ImportOptions, path: String,
        store: any CommunityStore
    ) async throws -> ImportSummary? {
        let lists = [layout.channels, layout.groups, layout.mpims, layout.dms].compactMap { $0 }
        let metadata = [("users.json", layout.users)] + lists.map { (String($0.path.dropFirst(layout.prefix.count)), $0) }
        guard layout.badlyNamed.isEmpty, let modified = layout.users.modified else { return nil }
        let candidates = try await store.workspaces(
            recording: "users.json", platform: .slack, size: layout.users.size, modified: modified)
        guard candidates.count == 1 else { return nil }
        let workspace = Workspace(
            platform: .slack, externalID: candidates[0].externalID,
            name: options.workspaceName ?? SlackImportJob.workspaceName(fromExportPath: path))
        do {
            return try await store.ingest(workspace: workspace) { transaction in
                let recorded = try transaction.recordedSources()
                for (key, entry) in metadata where !entry.isUnchanged(comparedWith: recorded[key]) { throw Changed() }
                let spaces = try transaction.storedSpaces()
                var spaceByFolder: [String: String] = [:]
                for space in spaces {
                    spaceByFolder[space.kind == .directMessage ? space.externalID : space.name] = space.externalID
                }
                for day in layout.dayFiles {
                    guard let space = spaceByFolder[day.folder],
                        day.entry.isUnchanged(comparedWith: recorded[space + "/" + day.date.description])
                    else { throw Changed() }
                }
                var summary = ImportSummary(workspace: workspace)
                summary.identities = try transaction.storedAccountCount()
                summary.spaces = spaces.count
                summary.dayFiles = layout.dayFiles.count
                summary.dayFilesUnchanged = layout.dayFiles.count
                return summary
            }
        } catch is Changed {
            return nil
        }
    }
}
