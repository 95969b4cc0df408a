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

        // Read in row id order and put in member order here: `ORDER BY member_id, id` walked the
        // member index and fetched each account from the table by id (1M bench: 0.055 s against
        // 0.022 s, before every report's scans could start). Accounts and their members are
        // created together, so the rows come nearly in member order and the sort is short. The
        // order is checked and sorted on the two ids alone, and each account's fields are handed
        // to the fold from the array in place (copying 50,000 accounts twice, strings and all,
        // took 0.02 s).
        struct Account {
            var displayName: String, handle: String, title: String?, platform: String
            var isBot: Bool, isDeleted: Bool, externalID: String, timeZone: String?, isAdmin: Bool
        }
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
        var keys: [(member: Int64, id: Int64)] = []
        var accounts: [Account] = []
        try RawRowCursor(db.makeStatement(sql: sql), arguments: arguments).forEach { row in
            keys.append((row.int64(1), row.int64(0)))
            accounts.append(
                Account(
                    displayName: row.string(2), handle: row.string(3), title: row.optionalString(4),
                    platform: row.string(5), isBot: row.bool(6), isDeleted: row.bool(7), externalID: row.string(8),
                    timeZone: row.optionalString(9), isAdmin: row.bool(10)))
        }
        var order = Array(accounts.indices)
        if !zip(keys, keys.dropFirst()).allSatisfy({ $0 <= $1 }) { order.sort { keys[$0] < keys[$1] } }
        var fold = MemberFold(capacity: accounts.count)
        accounts.withUnsafeBufferPointer { accounts in
            for index in order {
                fold.add(
                    identity: keys[index].id, member: keys[index].member, displayName: accounts[index].displayName,
                    handle: accounts[index].handle, title: accounts[index].title, platform: accounts[index].platform,
                    isBot: accounts[index].isBot, isDeleted: accounts[index].isDeleted,
                    externalID: accounts[index].externalID, timeZone: accounts[index].timeZone,
                    isAdmin: accounts[index].isAdmin)
            }
        }
        members = fold.members
        memberByIdentity = fold.memberByIdentity()

        let bounds = try Row.fetchOne(
            db, sql: "SELECT (SELECT MIN(id) FROM activity), (SELECT MAX(id) FROM activity), (SELECT value FROM store_generation)")
        if let lowest: Int64 = bounds?[0], let highest: Int64 = bounds?[1] { activityIDs = lowest...highest }
        generation = bounds?[2] ?? 0
    }

    /// A directory read some other way (the PostgreSQL store): the same maps from the same parts.
    init(
        spaces: [CommunitySnapshot.SpaceInfo], fold: MemberFold, activityIDs: ClosedRange<Int64>?, generation: Int64
    ) {
        self.spaces = spaces
        let spaceIDs = spaces.map(\.id)
        spaceBySpaceID = RowIDTable(ids: spaceIDs.min().map { $0...spaceIDs.max()! }, count: spaceIDs.count, missing: -1)
        for (index, space) in spaces.enumerated() { spaceBySpaceID[space.id] = Int32(index) }
        members = fold.members
        memberByIdentity = fold.memberByIdentity()
        self.activityIDs = activityIDs
        self.generation = generation
    }
}
