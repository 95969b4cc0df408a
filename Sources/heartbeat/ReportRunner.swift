import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatReport
import HeartbeatStore

/// The part every `heartbeat report NAME` shares: open the store, read the settings, build the
/// report with library code, render it in the chosen format.
enum ReportRunner {
    static func run<Report: Encodable>(
        store: StoreOptions, config: ConfigOptions, options: ReportOptions,
        build: (SQLiteStore, ReportRequest, HeartbeatConfig) async throws -> Report,
        document: (Report) -> ReportDocument
    ) async throws {
        let settings = try config.load(besideDatabase: store.db)
        let database = try store.open()
        if try await database.counts().activities == 0 {
            Terminal.printError("note: \(store.db) holds no activity yet. Import an export first: heartbeat ingest EXPORT")
        }
        let report = try await build(database, options.request, settings)
        print(try ReportRenderer.render(report, document: document(report), as: options.resolvedFormat), terminator: "")
    }
}
