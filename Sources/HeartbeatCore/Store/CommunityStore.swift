/// Where Heartbeat keeps a community: SQLite (`SQLiteStore`) by default, PostgreSQL later. The
/// analytics, report and CLI code speak only this protocol.
public protocol CommunityStore: Sendable {
    /// Runs `body` in one transaction scoped to `workspace` (created if new). If `body` throws,
    /// nothing it wrote remains: the store is exactly as before.
    func ingest<T: Sendable>(
        workspace: Workspace, _ body: @escaping @Sendable (any IngestTransaction) throws -> T
    ) async throws -> T

    /// Loads the compact snapshot reports compute on.
    func snapshot(_ query: ActivityQuery) async throws -> CommunitySnapshot

    /// The text of the given activities (for listing unanswered questions). Personal data: callers
    /// show it to the user who owns the store and never log it.
    func texts(ofActivities ids: [Int64]) async throws -> [Int64: String]

    /// The first and last activity times in the queried spaces (ignores `query.since`); `nil` when
    /// there is none.
    func activityRange(_ query: ActivityQuery) async throws -> ClosedRange<Timestamp>?

    /// Row counts per table.
    func counts() async throws -> StoreCounts

    /// The workspaces of `platform` whose last import recorded a source file `key` of `size`
    /// bytes modified at `modified` (nanoseconds), trusted by `RecordedSource.matches`. Lets an
    /// importer recognise an unchanged export before reading its metadata files.
    func workspaces(recording key: String, platform: Platform, size: Int64, modified: Int64) async throws -> [Workspace]
}
