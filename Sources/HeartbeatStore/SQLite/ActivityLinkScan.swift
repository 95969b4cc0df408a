import GRDB
import HeartbeatCore

/// The rows of a table that links an activity to an identity (`reaction`, `mention`), in row id
/// order, as read: the loader maps them onto the snapshot's activities once those are sorted, so
/// the read needs no join and can run beside the activity scan.
struct ActivityLinkScan: Sendable {
    /// Which table: both have an `activity_id` and an `identity_id` column.
    enum Table: String, Sendable {
        case reaction, mention
    }

    var activityIDs: [Int64] = []
    /// The identity id of each row; `Int64.min` for NULL (no identity has that id).
    var identityIDs: [Int64] = []

    static let noIdentity = Int64.min

    /// Links read some other way (the PostgreSQL store), in the order they were written.
    init(activityIDs: [Int64], identityIDs: [Int64]) {
        self.activityIDs = activityIDs
        self.identityIDs = identityIDs
    }

    init(db: Database, table: Table) throws {
        let statement = try db.makeStatement(sql: "SELECT activity_id, identity_id FROM \(table.rawValue) ORDER BY rowid")
        try RawRowCursor(statement).forEach { row in
            activityIDs.append(row.int64(0))
            identityIDs.append(row.isNull(1) ? Self.noIdentity : row.int64(1))
        }
    }
}
