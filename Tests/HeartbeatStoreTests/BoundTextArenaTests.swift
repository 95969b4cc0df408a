import GRDB
@testable import HeartbeatStore
import Testing

/// Texts bound from the arena reach the table as bound, including ones too large for it (bound by
/// copy instead), NULL, empty and non-ASCII texts, and the arena is reused after each run.
@Suite struct BoundTextArenaTests {
    @Test func storesWhatWasBoundAcrossRuns() throws {
        let queue = try DatabaseQueue()
        let arena = BoundTextArena(capacity: 64)
        let texts: [String?] = [
            "short", nil, "", "caf\u{E9} \u{1F600}", String(repeating: "long text ", count: 20), "after the overflow",
        ]
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (run INTEGER, position INTEGER, text TEXT)")
            let prepared = try db.makeStatement(sql: "INSERT INTO t VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?)")
            for run in 0..<2 {
                var statement = SQLiteRawStatement(prepared, in: db)
                for position in 0..<3 {
                    statement.bind(Int64(run))
                    statement.bind(Int64(position))
                    statement.bind(texts[run * 3 + position], in: arena)
                }
                try statement.execute()
                arena.reset()
            }
            let stored = try Row.fetchAll(db, sql: "SELECT text FROM t ORDER BY run, position").map { $0[0] as String? }
            #expect(stored == texts)
        }
    }
}
