import GRDB
import HeartbeatCore

/// Reads a `CommunitySnapshot` in a handful of sequential scans, mapping store ids to dense
/// indexes as it goes.
struct SQLiteSnapshotLoader {
    let db: Database
    let query: ActivityQuery

    func load() throws -> CommunitySnapshot {
        let filter = try spaceFilter()
        let spaces = filter.spaces
        var spaceIndex: [Int64: Int32] = [:]
        for (index, space) in spaces.enumerated() { spaceIndex[space.id] = Int32(index) }
        let spaceFilter = filter.sql
        let spaceArguments = filter.arguments

        // Members, one per member id; identity ids map onto member indexes.
        var members: [CommunitySnapshot.Member] = []
        var memberIndexByMemberID: [Int64: Int32] = [:]
        var memberIndexByIdentity: [Int64: Int32] = [:]
        do {
            var sql = """
                SELECT i.id, i.member_id, i.display_name, i.handle, i.title, i.platform, i.is_bot, i.is_deleted,
                    i.external_id, i.time_zone, i.is_admin
                FROM identity i
                """
            var arguments: [any DatabaseValueConvertible] = []
            if let platform = query.platform {
                sql += " WHERE i.platform = ?"
                arguments.append(platform.rawValue)
            }
            let rows = try Row.fetchCursor(db, sql: sql + " ORDER BY i.member_id, i.id", arguments: StatementArguments(arguments))
            while let row = try rows.next() {
                let identityID: Int64 = row[0]
                let memberID: Int64 = row[1]
                if let existing = memberIndexByMemberID[memberID] {
                    memberIndexByIdentity[identityID] = existing
                    // A member is a bot only if all its identities are, deleted only if all are.
                    members[Int(existing)].isBot = members[Int(existing)].isBot && row[6]
                    members[Int(existing)].isDeleted = members[Int(existing)].isDeleted && row[7]
                    members[Int(existing)].isAdmin = members[Int(existing)].isAdmin || row[10]
                    if members[Int(existing)].timeZone == nil { members[Int(existing)].timeZone = row[9] }
                    continue
                }
                let index = Int32(members.count)
                memberIndexByMemberID[memberID] = index
                memberIndexByIdentity[identityID] = index
                var member = CommunitySnapshot.Member(
                    id: memberID, displayName: row[2], handle: row[3], title: row[4],
                    platform: Platform(rawValue: row[5]) ?? .slack, isBot: row[6], isDeleted: row[7],
                    firstSeen: nil, firstPost: nil)
                member.externalID = row[8]
                member.timeZone = row[9]
                member.isAdmin = row[10]
                members.append(member)
            }
        }

        // Whole-history first/last times per member (in the queried spaces).
        let postKinds = "\(ActivityKind.message.rawValue), \(ActivityKind.reply.rawValue)"
        var latest: Int64?
        do {
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT a.identity_id, MIN(a.time), MAX(a.time), MIN(CASE WHEN a.kind IN (\(postKinds)) THEN a.time END)
                    FROM activity a WHERE a.identity_id IS NOT NULL\(spaceFilter)
                    GROUP BY a.identity_id
                    """, arguments: spaceArguments)
            while let row = try rows.next() {
                guard let index = memberIndexByIdentity[row[0]] else { continue }
                let first = Timestamp(microseconds: row[1])
                let last = Timestamp(microseconds: row[2])
                let firstPost = (row[3] as Int64?).map { Timestamp(microseconds: $0) }
                var member = members[Int(index)]
                member.firstSeen = member.firstSeen.map { min($0, first) } ?? first
                member.lastSeen = member.lastSeen.map { max($0, last) } ?? last
                if let firstPost { member.firstPost = member.firstPost.map { min($0, firstPost) } ?? firstPost }
                members[Int(index)] = member
            }
            if query.includeReactionHistory {
                let reactionRows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT r.identity_id, MIN(a.time) FROM reaction r JOIN activity a ON a.id = r.activity_id
                        WHERE r.identity_id IS NOT NULL\(spaceFilter)
                        GROUP BY r.identity_id
                        """, arguments: spaceArguments)
                while let row = try reactionRows.next() {
                    guard let index = memberIndexByIdentity[row[0]] else { continue }
                    let first = Timestamp(microseconds: row[1])
                    members[Int(index)].firstReaction = members[Int(index)].firstReaction.map { min($0, first) } ?? first
                }
            }
            latest = try Int64.fetchOne(
                db, sql: "SELECT MAX(a.time) FROM activity a WHERE 1\(spaceFilter)",
                arguments: spaceArguments)
        }

        // Activities from `since` on, in time order.
        let since = query.since?.microseconds ?? Int64.min
        var activities: [CommunitySnapshot.ActivityRow] = []
        var texts: [String] = []
        do {
            let textColumn = query.includeText ? ", a.text" : ""
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT a.id, a.identity_id, a.space_id, a.kind, a.time, a.thread_root, a.parent_identity_id, a.is_question\(textColumn)
                    FROM activity a WHERE a.time >= ?\(spaceFilter)
                    ORDER BY a.time, a.id
                    """, arguments: [since] + spaceArguments)
            while let row = try rows.next() {
                guard let space = spaceIndex[row[2]] else { continue }
                let identity: Int64? = row[1]
                let parent: Int64? = row[6]
                activities.append(
                    CommunitySnapshot.ActivityRow(
                        id: row[0], member: identity.flatMap { memberIndexByIdentity[$0] } ?? -1, space: space,
                        kind: ActivityKind(rawValue: row[3]) ?? .other, time: row[4], threadRoot: row[5] ?? 0,
                        parentMember: parent.flatMap { memberIndexByIdentity[$0] } ?? -1, isQuestion: row[7]))
                if query.includeText { texts.append((row[8] as String?) ?? "") }
            }
        }

        // Reactions and mentions on those activities, each walked in the activities' order.
        var reactions: [CommunitySnapshot.ReactionRow] = []
        try walkRows(table: "reaction", since: since, filter: filter, activities: activities) { activity, identity in
            reactions.append(
                CommunitySnapshot.ReactionRow(
                    activity: activity, reactor: identity.flatMap { memberIndexByIdentity[$0] } ?? -1))
        }
        var mentions: [CommunitySnapshot.MentionRow] = []
        if query.includeMentions {
            try walkRows(table: "mention", since: since, filter: filter, activities: activities) { activity, identity in
                guard let member = identity.flatMap({ memberIndexByIdentity[$0] }) else { return }
                mentions.append(CommunitySnapshot.MentionRow(activity: activity, member: member))
            }
        }
        var snapshot = CommunitySnapshot(
            members: members, spaces: spaces, activities: activities, reactions: reactions, query: query,
            latestActivity: latest.map { Timestamp(microseconds: $0) })
        snapshot.mentions = mentions
        snapshot.texts = texts
        return snapshot
    }

    /// Reads `table` (`reaction` or `mention`: an `activity_id` and an `identity_id`) for the
    /// activities from `since` on, in the same order as `activities`, and calls `body` with each
    /// row's activity index and identity id. Walking both in one order needs no lookup table.
    private func walkRows(
        table: String, since: Int64, filter: SpaceFilter, activities: [CommunitySnapshot.ActivityRow],
        _ body: (Int32, Int64?) -> Void
    ) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT a.id, t.identity_id FROM \(table) t JOIN activity a ON a.id = t.activity_id
                WHERE a.time >= ?\(filter.sql)
                ORDER BY a.time, a.id
                """, arguments: [since] + filter.arguments)
        var cursor = 0
        while let row = try rows.next() {
            let activityID: Int64 = row[0]
            while cursor < activities.count, activities[cursor].id != activityID { cursor += 1 }
            guard cursor < activities.count else { break }
            body(Int32(cursor), row[1])
        }
    }

    struct SpaceFilter {
        var spaces: [CommunitySnapshot.SpaceInfo]
        /// ` AND a.space_id IN (…)`, or empty when every space is wanted.
        var sql: String
        var arguments: StatementArguments
    }

    /// The spaces the query selects, and the SQL condition on `activity a` that selects them.
    func spaceFilter() throws -> SpaceFilter {
        var sql = "SELECT id, name, platform, kind, external_id FROM space"
        var arguments: [any DatabaseValueConvertible] = []
        if let platform = query.platform {
            sql += " WHERE platform = ?"
            arguments.append(platform.rawValue)
        }
        var all: [(info: CommunitySnapshot.SpaceInfo, externalID: String)] = []
        for row in try Row.fetchAll(db, sql: sql + " ORDER BY name, id", arguments: StatementArguments(arguments)) {
            let kind = Space.Kind(rawValue: row[3]) ?? .publicChannel
            let platform = Platform(rawValue: row[2]) ?? .slack
            all.append((CommunitySnapshot.SpaceInfo(id: row[0], name: row[1], platform: platform, kind: kind), row[4]))
        }
        guard !query.spaces.isEmpty || query.platform != nil else {
            return SpaceFilter(spaces: all.map(\.info), sql: "", arguments: [])
        }
        var spaces = all.map(\.info)
        if !query.spaces.isEmpty {
            let wanted = query.spaces.map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
            let selected = all.filter { wanted.contains($0.info.name) || wanted.contains($0.externalID) }
            let found = Set(selected.flatMap { [$0.info.name, $0.externalID] })
            let missing = wanted.filter { !found.contains($0) }
            if !missing.isEmpty { throw StoreError.unknownSpace(missing, available: all.map(\.info.name)) }
            spaces = selected.map(\.info)
        }
        if spaces.isEmpty { return SpaceFilter(spaces: [], sql: " AND 0", arguments: []) }
        return SpaceFilter(
            spaces: spaces,
            sql: " AND a.space_id IN (" + Array(repeating: "?", count: spaces.count).joined(separator: ",") + ")",
            arguments: StatementArguments(spaces.map(\.id)))
    }
}
