import Dispatch
import HeartbeatCore

/// Imports GitHub activity into a store: GH Archive hourly files (`2026-03-02-15.json.gz`) and JSON
/// saved from the REST API (issues, pulls, issue comments), plain or gzip, told apart by content.
///
/// Everything lands in one GitHub workspace (`github.com`), one space per repository, one identity
/// per login, so a person is one account across repositories and across both sources: both give
/// the same external ids (see `GitHubActivities`), so importing an issue from the REST API after GH
/// Archive adds nothing. All files go in one transaction: a bad file stores nothing unless
/// `skipBadFiles` is set. A file whose fingerprint is unchanged is skipped; a changed one replaces
/// what it gave before.
public struct GitHubImporter: Sendable {
    public var paths: [String]
    /// `owner/name`s to keep (case-insensitive). Empty keeps every repository of REST files, and is an
    /// error for GH Archive files (an hour holds every public repository's events).
    public var repositories: [String]
    public var options: ImportOptions

    /// The one workspace all of GitHub is imported into.
    public static let workspace = Workspace(platform: .github, externalID: "github.com", name: "GitHub")

    public init(paths: [String], repositories: [String], options: ImportOptions = ImportOptions()) {
        self.paths = paths
        self.repositories = repositories
        self.options = options
    }

    public func run(
        into store: any CommunityStore, progress: (@Sendable (ImportProgress) -> Void)? = nil
    ) async throws -> ImportSummary {
        let started = DispatchTime.now()
        return try await GitHubImportJob(
            paths: paths, repositories: Set(repositories.map { $0.lowercased() }), options: options
        ).run(into: store, started: started, progress: progress)
    }
}
