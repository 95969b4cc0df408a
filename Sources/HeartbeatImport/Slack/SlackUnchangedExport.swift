import HeartbeatCore

/// The quick answer for a Slack export folder imported before and untouched since: its listing
/// (every file's path, size and modification time, `SlackExportListing`) equals the one recorded
/// at the end of the last complete import, so nothing needs reading, not even `users.json` (23 MB
/// for 50,000 members, the largest part of such a re-import). The workspace comes from the store's
/// record of `users.json`. Anything different (a new or changed file, a zip, a second workspace
/// with the same file, a store whose last import of it was incomplete) returns `nil` and the import
/// runs in full, file by file.
enum SlackUnchangedExport {
    /// Thrown inside the transaction to leave it untouched when the export did change.
    private struct Changed: Error {}

    static func summary(
        archive: any ExportArchive, layout: SlackExportLayout, options: ImportOptions, path: String,
        store: any CommunityStore
    ) async throws -> ImportSummary? {
        guard let listing = layout.listing, let modified = layout.users.modified else { return nil }
        let candidates = try await store.workspaces(
            recording: "users.json", platform: .slack, size: layout.users.size, modified: modified)
        guard candidates.count == 1 else { return nil }
        let workspace = Workspace(
            platform: .slack, externalID: candidates[0].externalID,
            name: options.workspaceName ?? SlackImportJob.workspaceName(fromExportPath: path))
        do {
            return try await store.ingest(workspace: workspace) { transaction in
                guard try transaction.fingerprint(ofSource: SlackExportListing.key) == listing.fingerprint else {
                    throw Changed()
                }
                var summary = ImportSummary(workspace: workspace)
                summary.identities = try transaction.storedAccountCount()
                summary.spaces = try transaction.storedSpaces().count
                summary.dayFiles = layout.dayFiles.count
                summary.dayFilesUnchanged = layout.dayFiles.count
                return summary
            }
        } catch is Changed {
            return nil
        }
    }
}
