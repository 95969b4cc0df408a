import HeartbeatCore

/// The quick answers for a Slack export folder imported before. Its `users.json` has the size and
/// modification time recorded by one workspace's last import: that workspace is the export's, and
/// its accounts are in the store (`workspaceKnowingUsers`). Its whole listing (every file's path,
/// size and modification time, `SlackExportListing`) equals the one recorded at the end of that
/// workspace's last complete import: nothing needs reading at all (`summary`). Anything different
/// (a changed `users.json`, a zip, a second workspace with the same file, a store whose last import
/// of it was incomplete) gives `nil` and the import reads what changed, file by file.
enum SlackUnchangedExport {
    /// Thrown inside the transaction to leave it untouched when the export did change.
    private struct Changed: Error {}

    /// The one workspace whose last import read this same `users.json` (size and nanosecond
    /// modification time, racily clean as for day files), else `nil`.
    static func workspaceKnowingUsers(
        layout: SlackExportLayout, options: ImportOptions, path: String, store: any CommunityStore
    ) async throws -> Workspace? {
        guard let modified = layout.users.modified else { return nil }
        let candidates = try await store.workspaces(
            recording: "users.json", platform: .slack, size: layout.users.size, modified: modified)
        guard candidates.count == 1 else { return nil }
        return Workspace(
            platform: .slack, externalID: candidates[0].externalID,
            name: options.workspaceName ?? SlackImportJob.workspaceName(fromExportPath: path))
    }

    /// The summary of an import that finds the folder exactly as `workspace`'s last complete
    /// import left it, else `nil`.
    static func summary(
        layout: SlackExportLayout, workspace: Workspace, store: any CommunityStore
    ) async throws -> ImportSummary? {
        guard let listing = layout.listing else { return nil }
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
