import ArgumentParser
import HeartbeatStore

/// `--db`, shared by every command that opens the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file (created if missing).")
    var db: String = "heartbeat.sqlite"

    func open() throws -> SQLiteStore { try SQLiteStore(path: db) }
}
