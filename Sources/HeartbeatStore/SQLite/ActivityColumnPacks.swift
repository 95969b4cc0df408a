import Foundation
import GRDB
import GRDBSQLite

/// The `activity_columns` table: `ActivityColumns` packs by id range. Its rule: a stored pack
/// holds every activity whose id is in its `first_id...last_id`, and packs never overlap. Ids no
/// pack covers are read from the `activity` table, so a store without packs (or with a hole)
/// still loads, only slower. Everything that writes activities keeps the rule: imports append
/// packs and repack the ranges they delete from (`SQLiteIngestTransaction`), and the migration
/// that created the table packed what was stored.
enum ActivityColumnPacks {
    /// The stored packs' id ranges, lowest first.
    static func ranges(_ db: Database) throws -> [ClosedRange<Int64>] {
        var ranges: [ClosedRange<Int64>] = []
        try RawRowCursor(db.makeStatement(sql: "SELECT first_id, last_id FROM activity_columns ORDER BY first_id"))
            .forEach { row in ranges.append(row.int64(0)...row.int64(1)) }
        return ranges
    }

    /// How many activities the store holds: the packs' row counts, plus any row no pack covers
    /// (counted in the table between the packs, where there are normally none). `COUNT(*)` walked
    /// the 33 MB `(space_id, external_id)` index of the 1M bench, 8-12 ms of every import's
    /// closing line.
    static func activityCount(_ db: Database) throws -> Int {
        let packed = try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(row_count), 0) FROM activity_columns") ?? 0
        guard
            let bounds = try Row.fetchOne(db, sql: "SELECT (SELECT MIN(id) FROM activity), (SELECT MAX(id) FROM activity)"),
            let lowest: Int64 = bounds[0], let highest: Int64 = bounds[1]
        else { return 0 }
        var outside = 0
        let count = try db.cachedStatement(sql: "SELECT COUNT(*) FROM activity WHERE id BETWEEN ? AND ?")
        let pieces = ActivityChunks(ids: lowest...highest, count: 1, packs: try ranges(db))
        while let piece = pieces.take() {
            guard !piece.packed else { continue }
            outside += try Int.fetchOne(count, arguments: [piece.ids.lowerBound, piece.ids.upperBound]) ?? 0
        }
        return packed + outside
    }

    /// The rows of the pack that starts at `firstID`, in id order (none when there is no such pack).
    static func forEachRow(_ db: Database, firstID: Int64, _ body: (ActivityColumns.Row) -> Void) throws {
        let statement = try db.cachedStatement(sql: "SELECT data FROM activity_columns WHERE first_id = ?")
        try RawRowCursor(statement, arguments: [firstID]).forEach { row in
            // The blob is read in place: SQLite's copy of the pack, valid until the next step.
            let length = Int(sqlite3_column_bytes(row.statement, 0))
            let blob = UnsafeRawBufferPointer(start: sqlite3_column_blob(row.statement, 0), count: length)
            try ActivityColumns.forEachRow(in: blob, firstID: firstID, body)
        }
    }

    /// Stores `columns` as one pack (nothing when it is empty).
    static func write(_ columns: ActivityColumns, _ db: Database) throws {
        guard columns.count > 0 else { return }
        try db.cachedStatement(
            sql: "INSERT INTO activity_columns (first_id, last_id, row_count, data) VALUES (?, ?, ?, ?)"
        ).execute(arguments: [columns.firstID, columns.lastID, columns.count, Data(columns.bytes)])
    }

    /// The last stored pack, removed from the table and returned for extending, when it is small
    /// (`ActivityColumns.extendBelow`) and ends at `tableEnd`, the highest activity id stored: an
    /// import's new ids then follow it with nothing in between.
    static func takeLastSmallPack(_ db: Database, tableEnd: Int64) throws -> ActivityColumns? {
        guard
            let last = try Row.fetchOne(
                db, sql: "SELECT first_id, last_id, row_count FROM activity_columns ORDER BY first_id DESC LIMIT 1"),
            let firstID: Int64 = last[0], let lastID: Int64 = last[1], let count: Int = last[2],
            lastID == tableEnd, count < ActivityColumns.extendBelow
        else { return nil }
        var columns = ActivityColumns()
        try forEachRow(db, firstID: firstID) { columns.append($0) }
        try db.execute(sql: "DELETE FROM activity_columns WHERE first_id = ?", arguments: [firstID])
        return columns
    }

    /// Packs again, from the `activity` table, every stored pack that overlaps one of `ranges`
    /// (rows were deleted there), and packs any activity in `ranges` no pack covered.
    static func repack(_ db: Database, ranges: [ClosedRange<Int64>]) throws {
        guard !ranges.isEmpty else { return }
        let stored = try Self.ranges(db)
        var affected: [ClosedRange<Int64>] = []
        for range in ranges {
            affected.append(range)
            affected += stored.filter { $0.overlaps(range) }
        }
        for range in merged(affected) {
            try db.execute(
                sql: "DELETE FROM activity_columns WHERE first_id <= ? AND last_id >= ?",
                arguments: [range.upperBound, range.lowerBound])
            try pack(db, ids: range)
        }
    }

    /// Packs the table's activities with ids in `ids`, `rowsPerPack` at a time. Used by `repack`
    /// and by the migration that created the table.
    static func pack(_ db: Database, ids: ClosedRange<Int64>) throws {
        let statement = try db.makeStatement(
            sql: """
                SELECT \(ActivityColumns.tableColumns) FROM activity WHERE id BETWEEN ? AND ? ORDER BY id
                """)
        var columns = ActivityColumns()
        try RawRowCursor(statement, arguments: [ids.lowerBound, ids.upperBound]).forEach { row in
            columns.append(
                ActivityColumns.Row(
                    id: row.int64(0), identity: row.int64(1), space: row.int64(2), kind: row.int64(3), time: row.int64(4),
                    threadRoot: row.int64(5), parentIdentity: row.int64(6), isQuestion: row.bool(7)))
            if columns.count == ActivityColumns.rowsPerPack {
                try write(columns, db)
                columns = ActivityColumns()
            }
        }
        try write(columns, db)
    }

    /// `ranges` sorted, with overlapping ones joined.
    static func merged(_ ranges: [ClosedRange<Int64>]) -> [ClosedRange<Int64>] {
        var result: [ClosedRange<Int64>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}
