import GRDB
import HeartbeatCore

/// The spaces and members a snapshot is about, with the maps from store ids to their indexes that
/// every scan of the snapshot uses. Read first (it is small: one row per space and per identity).
struct SnapshotDirectory: Sendable {
    /// The queried spaces, by name then id.
    var spaces: [CommunitySnapshot.SpaceInfo]
    /// Space id → index into `spaces`; -1 for a space the query leaves out.
    var spaceBySpaceID: RowIDTable<Int32>
    /// One per member id, in member id order; first/last times are filled in by the activity scan.
    var members: [CommunitySnapshot.Member]
    /// Identity id → index into `members`; -1 for an identity the query does not cover.
    var memberByIdentity: RowIDTable<Int32>
    /// The lowest and highest activity id in the store (whatever the spaces); `nil` when empty.
    var activityIDs: ClosedRange<Int64>?
    /// `store_generation`: equal in two reads means they saw the same data.
    var generation: Int64

    init(db: Database, query: ActivityQuery) throws {
        let filter = try SQLiteSnapshotLoader.spaceFilter(db: db, query: query)
        spaces = filter.spaces
        let spaceIDs = spaces.map(\.id)
        spaceBySpaceID = RowIDTable(ids: spaceIDs.min().map { $0...spaceIDs.max()! }, count: spaceIDs.count, missing: -1)
        for (index, space) in spaces.enumerated() { spaceBySpaceID[space.id] = Int32(index) }

        // One member per member id, from its identities in id order: the first identity names it;
        // it is a bot only if all its identities are, deleted only if all are, an admin if any is.
        var members: [CommunitySnapshot.Member] = []
        var identities: [(identity: Int64, member: Int32)] = []
        var sql = """
            SELECT i.id, i.member_id, i.display_name, i.handle, i.title, i.platform, i.is_bot, i.is_deleted,
                i.external_id, i.time_zone, i.is_admin
            FROM identity i
            """
        var arguments = StatementArguments()
        if let platform = query.platform {
            sql += " WHERE i.platform = ?"
            arguments += [platform.rawValue]
        }
        var lastMemberID: Int64?
        try RawRowCursor(db.makeStatement(sql: sql + " ORDER BY i.member_id, i.id"), arguments: arguments).forEach { row in
            let memberID = row.int64(1)
            if memberID == lastMemberID {
                let existing = members.count - 1
                identities.append((row.int64(0), Int32(existing)))
                members[existing].isBot = members[existing].isBot && row.bool(6)
                members[existing].isDeleted = members[existing].isDeleted && row.bool(7)
                members[existing].isAdmin = members[existing].isAdmin || row.bool(10)
                if members[existing].timeZone == nil { members[existing].timeZone = row.optionalString(9) }
                return
            }
            lastMemberID = memberID
            identities.append((row.int64(0), Int32(members.count)))
            var member = CommunitySnapshot.Member(
                id: memberID, displayName: row.string(2), handle: row.string(3), title: row.optionalString(4),
                platform: Platform(rawValue: row.string(5)) ?? .slack, isBot: row.bool(6), isDeleted: row.bool(7),
                firstSeen: nil, firstPost: nil)
            member.externalID = row.string(8)
            member.timeZone = row.optionalString(9)
            member.isAdmin = row.bool(10)
            members.append(member)
        }
        self.members = members
        let identityIDs = identities.map(\.identity)
        memberByIdentity = RowIDTable(
            ids: identityIDs.min().map { $0...identityIDs.max()! }, count: identities.count, missing: -1)
        for (identity, member) in identities { memberByIdentity[identity] = member }

        let bounds = try Row.fetchOne(
            db, sql: "SELECT (SELECT MIN(id) FROM activity), (SELECT MAX(id) FROM activity), (SELECT value FROM store_generation)")
        if let lowest: Int64 = bounds?[0], let highest: Int64 = bounds?[1] { activityIDs = lowest...highest }
        generation = bounds?[2] ?? 0
    }
}
