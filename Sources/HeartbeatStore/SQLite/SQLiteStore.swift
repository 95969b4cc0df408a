import CSQLiteSetup
import Foundation
import GRDB
import HeartbeatCore

/// The default store: one SQLite file (GRDB), no server to run. One `DatabasePool` per file (WAL:
/// reports can read while an import writes); migrations run on open.
public final class SQLiteStore: CommunityStore {
    let writer: any DatabaseWriter
    /// The file path, or `:memory:`.
    public let path: String

    /// SQLite's process-wide settings, made once before the first connection opens (after that
    /// SQLite refuses them and keeps its defaults, which are correct, only slower). Multi-thread
    /// mode: GRDB hands each connection to one thread at a time, so the mutex that the
    /// serialized default takes around every call (each bind, each column read) guards nothing;
    /// no memory statistics: they took a global mutex around every allocation.
    private static let configured = heartbeat_sqlite_configure() == 1

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        _ = Self.configured
        self.path = path
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // Durable at commit in WAL mode, without an fsync per transaction.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 64 MiB of page cache instead of SQLite's 2 MiB: a large import updates five B-trees
            // at random places, and with the default cache every insert went to the file system.
            // Only for the writer: readers load reports by reading each table once from end to
            // end, where a cache only holds pages never read again (three readers scanning side by
            // side filled 3 × 64 MiB).
            guard !db.configuration.readonly else { return }
            // A new store gets 16 KiB pages (an existing one keeps its own: the page size is fixed
            // when the file is first written). Imports append wide rows and reports read whole
            // tables, where larger pages mean fewer B-tree steps; but a later import changes a
            // page here and there (a new day touches ~90 pages, one per channel in the unique
            // index and the file records), each written whole to the WAL and again at the
            // checkpoint. Measured on the 1M bench (alternating runs, medians): first import
            // 4 KiB 2.10 s, 8 KiB 1.91, 16 KiB 1.76, 64 KiB 1.91; one more day 0.079, 0.078, 0.079,
            // 0.084 s; `report --all` 16 KiB 0.284 s, 64 KiB 0.283. (Earlier code measured 64 KiB
            // fastest for a first import, when its writes were a larger share of it.)
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // Statement journals (a few pages per statement that may need undoing) in memory: in a
            // temporary file each page copied was a system call.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
            try SQLiteMigrations.migrator.migrate(writer)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path, reason: error.message ?? "SQLite error \(error.resultCode)")
        }
    }

    /// A private in-memory database, for tests and throwaway runs.
    public init() throws {
        _ = Self.configured
        path = ":memory:"
        writer = try DatabaseQueue()
        try SQLiteMigrations.migrator.migrate(writer)
    }

    public func ingest<T: Sendable>(
        workspace: Workspace, _ body: @escaping @Sendable (any IngestTransaction) throws -> T
    ) async throws -> T {
        // The first import into a store without activity writes with a rollback journal instead
        // of the WAL: the new pages go to the file once, where the WAL wrote them all a second
        // time at the checkpoint and synced both files (0.2 s of a 1M-message first import's
        // 0.32 s commit). It needs the only connection to the file: this pool's readers are
        // closed first, and when another process has the store open the switch is refused and
        // the import runs in WAL mode as every later one does.
        let pool = writer as? DatabasePool
        let firstImport = pool == nil ? false : try await !hasActivity()
        if firstImport { pool?.invalidateReadOnlyConnections() }
        return try await writer.writeWithoutTransaction { db in
            var rollbackJournal = false
            if firstImport {
                // SQLITE_BUSY (another connection holds the file) means: stay in WAL mode.
                rollbackJournal = (try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")) == "delete"
            }
            defer { if rollbackJournal { _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") } }
            // Only a first import writes a whole store's worth of pages before its commit.
            let writeback = rollbackJournal ? EarlyWriteback(path: path) : nil
            defer { writeback?.stop() }
            // Foreign keys are checked by construction here (every id comes from the transaction's
            // own maps), and checking them again cost four B-tree lookups per activity. The pragma
            // only takes effect outside a transaction, hence the explicit one below.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            var result: T?
            try db.inTransaction(.immediate) {
                let transaction = try SQLiteIngestTransaction(db: db, workspace: workspace)
                result = try body(transaction)
                try transaction.writeLinks()
                try transaction.writeSpans()
                try transaction.writeActivityColumns()
                if transaction.identitiesChanged { try transaction.resolveIdentities() }
                try db.execute(sql: "UPDATE store_generation SET value = value + 1")
                return .commit
            }
            return result!
        }
    }

    public func snapshot(_ query: ActivityQuery) async throws -> CommunitySnapshot {
        try await SQLiteSnapshotLoader(writer: writer, query: query).load()
    }

    public func activityRange(_ query: ActivityQuery) async throws -> ClosedRange<Timestamp>? {
        try await writer.read { db in
            let filter = try SQLiteSnapshotLoader.spaceFilter(db: db, query: query)
            // From the spans each import keeps (`space_span`): a row per channel, not a scan.
            let row = try Row.fetchOne(
                db, sql: "SELECT MIN(a.first_time), MAX(a.last_time) FROM space_span a WHERE 1\(filter.sql)",
                arguments: filter.arguments)
            guard let first: Int64 = row?[0], let last: Int64 = row?[1] else { return nil }
            return Timestamp(microseconds: first)...Timestamp(microseconds: last)
        }
    }

    public func texts(ofActivities ids: [Int64]) async throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        return try await writer.read { db in
            var texts: [Int64: String] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
                let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
                for row in try Row.fetchAll(
                    db, sql: "SELECT id, text FROM activity WHERE id IN (\(marks))",
                    arguments: StatementArguments(part))
                {
                    texts[row[0]] = row[1]
                }
            }
            return texts
        }
    }

    public func workspaces(
        recording key: String, platform: Platform, size: Int64, modified: Int64
    ) async throws -> [Workspace] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT w.external_id, w.name, s.size, s.checksum, s.modified, s.imported_at
                    FROM source_file s JOIN workspace w ON w.id = s.workspace_id
                    WHERE s.key = ? AND w.platform = ? AND s.size = ? AND s.modified = ?
                    """, arguments: [key, platform.rawValue, size, modified]
            ).filter { row in
                RecordedSource(
                    fingerprint: FileFingerprint(size: row[2], checksum: row[3]), modified: row[4], recordedAt: row[5]
                ).matches(size: size, modified: modified)
            }.map { Workspace(platform: platform, externalID: $0[0], name: $0[1]) }
        }
    }

    /// Copies the WAL's pages into the database file (a passive checkpoint: readers are not
    /// waited for). After a one-more-day import of the 1M bench that was 93 pages of 64 KiB and two
    /// `fdatasync`s, ~10 ms that closing the store then no longer spends.
    public func checkpoint() async throws {
        guard writer is DatabasePool else { return }
        try await writer.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
    }

    /// Whether the store holds any activity: `counts().activities > 0` without counting every table.
    public func hasActivity() async throws -> Bool {
        try await writer.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM activity)") ?? false }
    }

    public func counts() async throws -> StoreCounts {
        try await writer.read { db in
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
            return StoreCounts(
                workspaces: try count("workspace"), members: try count("member"), identities: try count("identity"),
                spaces: try count("space"), activities: try ActivityColumnPacks.activityCount(db), reactions: try count("reaction"),
                mentions: try count("mention"),
                // Files only: not the records of export folders' whole listings (`.listing`, one per
                // workspace at most, found through the (workspace_id, key) index; a filter on
                // `key` alone read every record).
                sourceFiles: try count("source_file")
                    - count("workspace w JOIN source_file s ON s.workspace_id = w.id AND s.key = '.listing'"))
        }
    }
}
