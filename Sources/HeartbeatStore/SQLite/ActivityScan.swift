import GRDB
import HeartbeatCore

/// One pass over a range of `activity` row ids, in id order (a sequential read of the table, with
/// no index): the activities a snapshot keeps, and the whole-history first and last times of each
/// member that every report needs. The loader runs two of these side by side on halves of the
/// table and merges them.
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

    init(db: Database, ids: ClosedRange<Int64>, directory: SnapshotDirectory, query: ActivityQuery) throws {
        let memberCount = directory.members.count
        firstSeen = [Int64](repeating: .max, count: memberCount)
        lastSeen = [Int64](repeating: .min, count: memberCount)
        firstPost = [Int64](repeating: .max, count: memberCount)
        let since = query.since?.microseconds ?? .min
        let keepEarlier = query.includeReactionHistory && query.since != nil
        let includeText = query.includeText
        let spaceBySpaceID = directory.spaceBySpaceID
        let memberByIdentity = directory.memberByIdentity
        let message = Int64(ActivityKind.message.rawValue)
        let reply = Int64(ActivityKind.reply.rawValue)

        // Room for every id in the range (most are rows; unused capacity is never touched), capped
        // for ranges with huge holes. Growing by doubling copied the rows up to 20 times.
        rows.reserveCapacity(Int(min(ids.upperBound - ids.lowerBound, 1 << 22)) + 1)
        let statement = try db.makeStatement(
            sql: """
                SELECT id, identity_id, space_id, kind, time, thread_root, parent_identity_id, is_question\
                \(includeText ? ", text" : "")
                FROM activity WHERE id BETWEEN ? AND ? ORDER BY id
                """)
        try RawRowCursor(statement, arguments: [ids.lowerBound, ids.upperBound]).forEach { row in
            let space = spaceBySpaceID[row.int64(2)]
            guard space >= 0 else { return }
            let time = row.int64(4)
            if time > latest { latest = time }
            let rawKind = row.int64(3)
            var member: Int32 = -1
            if !row.isNull(1) {
                member = memberByIdentity[row.int64(1)]
                if member >= 0 {
                    let index = Int(member)
                    if time < firstSeen[index] { firstSeen[index] = time }
                    if time > lastSeen[index] { lastSeen[index] = time }
                    if (rawKind == message || rawKind == reply) && time < firstPost[index] { firstPost[index] = time }
                }
            }
            guard time >= since else {
                if keepEarlier {
                    earlierIDs.append(row.int64(0))
                    earlierTimes.append(time)
                }
                return
            }
            rows.append(
                CommunitySnapshot.ActivityRow(
                    id: row.int64(0), member: member, space: space,
                    kind: ActivityKind(rawValue: Int(rawKind)) ?? .other, time: time,
                    threadRoot: row.optionalInt64(5) ?? 0,
                    parentMember: row.isNull(6) ? -1 : memberByIdentity[row.int64(6)], isQuestion: row.bool(7)))
            if includeText { texts.append(row.string(8)) }
        }
    }
}
