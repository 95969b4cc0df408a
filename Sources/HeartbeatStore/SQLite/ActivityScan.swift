import GRDB
import HeartbeatCore

/// One pass over ranges of activity ids, each in id order (a stored pack of `ActivityColumns`, or
/// a sequential read of the table with no index): the activities a snapshot keeps, and the
/// whole-history first and last times of each member that every report needs. The loader runs two
/// of these side by side, each taking the next piece from a shared `ActivityChunks` until none is
/// left, and merges them.
struct ActivityScan: Sendable {
    /// Activities in the queried spaces from `since` on, in id order, with member indexes.
    var rows: [CommunitySnapshot.ActivityRow] = []
    /// Text of each row in `rows`, when the query asks for text.
    var texts: [String] = []
    /// Per member: earliest and latest activity time, earliest post (message or reply), over the
    /// whole range in the queried spaces; `Int64.max` / `Int64.min` when none.
    var firstSeen: [Int64]
    var lastSeen: [Int64]
    var firstPost: [Int64]
    /// Latest activity time in the queried spaces, by anyone; `Int64.min` when none.
    var latest: Int64 = .min
    /// Id and time of the activities in the queried spaces before `since` (only for the reaction
    /// history, which dates reactions by their activity over the whole history).
    var earlierIDs: [Int64] = []
    var earlierTimes: [Int64] = []

    /// The lowest and highest id among `rows` (`.max` / `.min` when none).
    var lowestID: Int64 = .max
    var highestID: Int64 = .min

    /// Puts `rows` (and `texts`) in (time, id) order. Both stores' loaders call it on each scan's
    /// own task, beside the other scans, so the snapshot only merges sorted runs, reading each
    /// in order (`SnapshotAssembly.mergedByTime`): gathered from id order afterwards, one core
    /// fetched every row from wherever its time put it (0.035 s of the 1M bench's assembly).
    mutating func sortByTime() {
        guard let order = SnapshotAssembly.timeOrder(of: rows) else { return }
        rows = rows.withUnsafeBufferPointer { rows in order.map { rows[Int($0)] } }
        if !texts.isEmpty { texts = order.map { texts[Int($0)] } }
    }

    /// The maps and filters `add` applies to each row.
    private let spaceBySpaceID: RowIDTable<Int32>
    private let memberByIdentity: RowIDTable<Int32>
    private let since: Int64
    private let keepEarlier: Bool
    private let includeText: Bool

    /// An empty scan, ready for `add`; `capacity` is about how many rows will come.
    init(directory: SnapshotDirectory, query: ActivityQuery, capacity: Int) {
        let memberCount = directory.members.count
        firstSeen = [Int64](repeating: .max, count: memberCount)
        lastSeen = [Int64](repeating: .min, count: memberCount)
        firstPost = [Int64](repeating: .max, count: memberCount)
        since = query.since?.microseconds ?? .min
        keepEarlier = query.includeReactionHistory && query.since != nil
        includeText = query.includeText
        spaceBySpaceID = directory.spaceBySpaceID
        memberByIdentity = directory.memberByIdentity
        // Room for every row expected, capped for ranges with huge holes. Growing by doubling
        // copied the rows up to 20 times.
        rows.reserveCapacity(min(capacity, 1 << 22) + 1)
    }

    /// One activity row, in id order (SQLite's and PostgreSQL's scans both feed this).
    @inline(__always)
    mutating func add(
        id: Int64, identity: Int64?, space spaceID: Int64, kind rawKind: Int64, time: Int64, threadRoot: Int64?,
        parentIdentity: Int64?, isQuestion: Bool, text: () -> String
    ) {
        let space = spaceBySpaceID[spaceID]
        guard space >= 0 else { return }
        if time > latest { latest = time }
        var member: Int32 = -1
        if let identity {
            member = memberByIdentity[identity]
            if member >= 0 {
                let index = Int(member)
                if time < firstSeen[index] { firstSeen[index] = time }
                if time > lastSeen[index] { lastSeen[index] = time }
                if (rawKind == Self.message || rawKind == Self.reply) && time < firstPost[index] { firstPost[index] = time }
            }
        }
        guard time >= since else {
            if keepEarlier {
                earlierIDs.append(id)
                earlierTimes.append(time)
            }
            return
        }
        if id < lowestID { lowestID = id }
        if id > highestID { highestID = id }
        rows.append(
            CommunitySnapshot.ActivityRow(
                id: id, member: member, space: space, kind: ActivityKind(rawValue: Int(rawKind)) ?? .other, time: time,
                threadRoot: threadRoot ?? 0, parentMember: parentIdentity.map { memberByIdentity[$0] } ?? -1,
                isQuestion: isQuestion))
        if includeText { texts.append(text()) }
    }

    private static let message = Int64(ActivityKind.message.rawValue)
    private static let reply = Int64(ActivityKind.reply.rawValue)

    /// The activities of every piece `chunks` hands this scan, one after the other (pieces come
    /// lowest first, so the rows are still in id order); room is reserved for every id of `ids`
    /// (untouched pages cost no memory).
    init(db: Database, chunks: ActivityChunks, ids: ClosedRange<Int64>, directory: SnapshotDirectory, query: ActivityQuery)
        throws
    {
        self.init(directory: directory, query: query, capacity: Int(min(ids.upperBound - ids.lowerBound, 1 << 22)))
        let includeText = query.includeText
        let statement = try db.makeStatement(
            sql: """
                SELECT \(ActivityColumns.tableColumns)\(includeText ? ", text" : "")
                FROM activity WHERE id BETWEEN ? AND ? ORDER BY id
                """)
        while let piece = chunks.take() {
            if piece.packed {
                try ActivityColumnPacks.forEachRow(db, firstID: piece.ids.lowerBound) { row in
                    add(
                        id: row.id, identity: row.identity == 0 ? nil : row.identity, space: row.space, kind: row.kind,
                        time: row.time, threadRoot: row.threadRoot == 0 ? nil : row.threadRoot,
                        parentIdentity: row.parentIdentity == 0 ? nil : row.parentIdentity, isQuestion: row.isQuestion,
                        text: { "" })
                }
                continue
            }
            // NULL reads as 0: no row id is 0, and a snapshot row keeps a missing thread root as 0
            // anyway, so the nullable columns need no type check each (three calls into SQLite
            // fewer per row: the scan is those calls, 1.1M rows for the 1M bench).
            try RawRowCursor(statement, arguments: [piece.ids.lowerBound, piece.ids.upperBound]).forEach { row in
                let identity = row.int64(1), threadRoot = row.int64(5), parentIdentity = row.int64(6)
                add(
                    id: row.int64(0), identity: identity == 0 ? nil : identity, space: row.int64(2), kind: row.int64(3),
                    time: row.int64(4), threadRoot: threadRoot == 0 ? nil : threadRoot,
                    parentIdentity: parentIdentity == 0 ? nil : parentIdentity, isQuestion: row.bool(7),
                    text: { row.string(8) })
            }
        }
        sortByTime()
    }
}
