import Dispatch
import HeartbeatCore

/// One import, read and checked before the store is touched, then written inside one store
/// transaction. Every importer (Slack, Discord, Telegram, GitHub) builds one and runs it the same
/// way, so timing and all-or-nothing behave alike everywhere.
protocol ImportJob: Sendable {
    /// The workspace the transaction is scoped to.
    var workspace: Workspace { get }
    /// Writes everything inside the open transaction (throwing leaves the store unchanged).
    func write(
        into transaction: any IngestTransaction, started: DispatchTime, progress: (@Sendable (ImportProgress) -> Void)?
    ) throws -> ImportSummary
}

extension ImportJob {
    /// Runs the job in one transaction and records the elapsed time.
    func run(
        into store: any CommunityStore, started: DispatchTime, progress: (@Sendable (ImportProgress) -> Void)?
    ) async throws -> ImportSummary {
        var summary = try await store.ingest(workspace: workspace) { transaction in
            var summary = try self.write(into: transaction, started: started, progress: progress)
            summary.activitiesWritten -= try transaction.finish()
            return summary
        }
        summary.secondsElapsed = ImportClock.seconds(since: started)
        return summary
    }
}

/// Seconds since a start, for progress lines and summaries.
enum ImportClock {
    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
