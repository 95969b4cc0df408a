import ArgumentParser
import Foundation
import HeartbeatStore

/// `--db` and `--community`, shared by every command that opens the store.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database: a SQLite file (created if missing), or a PostgreSQL server as postgres://user@host:5432/database.",
            discussion: "Without --db: $HEARTBEAT_DATABASE_URL if set, else heartbeat.sqlite in the current directory."))
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The community to work on, in a PostgreSQL database that holds several (heartbeat communities list).",
            discussion: "Default: 'default', created on first use. A SQLite file holds one community."))
    var community: String?

    /// The `--db` value, or what stands in for it.
    var location: String {
        db ?? ProcessInfo.processInfo.environment["HEARTBEAT_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "heartbeat.sqlite"
    }

    /// Opens the store (and, for PostgreSQL, the community). `create`: add a named community that
    /// does not exist yet (imports do; reading commands say it is unknown).
    func open(create: Bool = false) async throws -> any StoreBackend {
        try await StoreOpener.open(location, community: community, create: create)
    }
}
