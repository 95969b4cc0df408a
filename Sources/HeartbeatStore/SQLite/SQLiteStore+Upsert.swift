import GRDB
import HeartbeatCore

extension SQLiteStore {
    /// Saves keyed rows inside a write: a row equal to the stored one (`stored`) is left alone,
    /// others are written (`write`: an insert or replace). Counts what happened, and bumps the
    /// store generation when anything changed, so dashboard caches see it.
    static func upsert<Row: Equatable>(
        _ rows: [Row], db: Database, stored: (Row) throws -> Row?, write: (Row) throws -> Void
    ) throws -> UpsertCounts {
        var counts = UpsertCounts()
        for row in rows {
            let before = try stored(row)
            if before == row {
                counts.unchanged += 1
                continue
            }
            if before == nil { counts.added += 1 } else { counts.updated += 1 }
            try write(row)
        }
        if counts.added + counts.updated > 0 { try bumpGeneration(db) }
        return counts
    }
}
