import HeartbeatCore

/// Turns what a store read (the directory, the activity scans in id order, the reaction and
/// mention rows) into the `CommunitySnapshot` reports compute on. Shared by the SQLite and the
/// PostgreSQL loader, so both stores hand every report the same rows in the same order.
enum SnapshotAssembly {
    /// Merges scans of consecutive id ranges (in id order) and maps the links onto the activities.
    static func assemble(
        directory: SnapshotDirectory, scans: [ActivityScan], reactions: ActivityLinkScan, mentions: ActivityLinkScan?,
        query: ActivityQuery
    ) -> CommunitySnapshot {
        var members = directory.members
        var latest = Int64.min
        for scan in scans {
            latest = max(latest, scan.latest)
            for index in members.indices {
                if scan.firstSeen[index] != .max {
                    let first = Timestamp(microseconds: scan.firstSeen[index])
                    members[index].firstSeen = members[index].firstSeen.map { min($0, first) } ?? first
                }
                if scan.lastSeen[index] != .min {
                    let last = Timestamp(microseconds: scan.lastSeen[index])
                    members[index].lastSeen = members[index].lastSeen.map { max($0, last) } ?? last
                }
                if scan.firstPost[index] != .max {
                    let firstPost = Timestamp(microseconds: scan.firstPost[index])
                    members[index].firstPost = members[index].firstPost.map { min($0, firstPost) } ?? firstPost
                }
            }
        }

        // Activities in (time, id) order: the scans hand them over in id order, so a position
        // running through the scans one after the other breaks ties between equal times. Rows are
        // taken from their scan directly, not from a concatenation first (a copy of every row,
        // 44 MB for the 1M bench).
        let starts = scans.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.rows.count) }
        let order = mergedTimeOrder(scans, starts: starts)
        func locate(_ position: Int32) -> (scan: Int, row: Int) {
            var scan = 0
            while Int(position) >= starts[scan + 1] { scan += 1 }
            return (scan, Int(position) - starts[scan])
        }
        let activities = order.map { position in
            let (scan, row) = locate(position)
            return scans[scan].rows[row]
        }
        var texts: [String] = []
        if query.includeText {
            texts = order.map { position in
                let (scan, row) = locate(position)
                return scans[scan].texts[row]
            }
        }
        let nonEmpty = scans.filter { !$0.rows.isEmpty }
        var indexByActivityID = RowIDTable<Int32>(
            ids: nonEmpty.first.map { $0.rows[0].id...nonEmpty[nonEmpty.count - 1].rows.last!.id },
            count: activities.count, missing: -1)
        for (index, activity) in activities.enumerated() { indexByActivityID[activity.id] = Int32(index) }

        // Links on the loaded activities, in the activities' order, then in the table's row order
        // (what the join on the activity index returned).
        // Reactions on one core; mentions and each member's first reaction, which only read, on
        // the other.
        let memberByIdentity = directory.memberByIdentity
        let activityCount = activities.count
        let (reactionRows, (mentionRows, firstReaction)) = ParallelPair.run {
            linkOrder(reactions, activityCount: activityCount, indexByActivityID: indexByActivityID).map { link in
                CommunitySnapshot.ReactionRow(
                    activity: link.activity, reactor: memberByIdentity[reactions.identityIDs[Int(link.row)]])
            }
        } _: {
            var mentionRows: [CommunitySnapshot.MentionRow] = []
            if let mentions {
                for link in linkOrder(mentions, activityCount: activityCount, indexByActivityID: indexByActivityID) {
                    let member = memberByIdentity[mentions.identityIDs[Int(link.row)]]
                    if member >= 0 { mentionRows.append(CommunitySnapshot.MentionRow(activity: link.activity, member: member)) }
                }
            }
            let firstReaction =
                query.includeReactionHistory
                ? firstReactions(
                    memberCount: members.count, reactions: reactions, memberByIdentity: memberByIdentity,
                    activities: activities, indexByActivityID: indexByActivityID, scans: scans) : nil
            return (mentionRows, firstReaction)
        }
        if let firstReaction {
            for index in members.indices where firstReaction[index] != .max {
                members[index].firstReaction = Timestamp(microseconds: firstReaction[index])
            }
        }

        var snapshot = CommunitySnapshot(
            members: members, spaces: directory.spaces, activities: activities, reactions: reactionRows, query: query,
            latestActivity: latest == .min ? nil : Timestamp(microseconds: latest))
        snapshot.mentions = mentionRows
        snapshot.texts = texts
        return snapshot
    }

    /// Positions into the scans' rows taken one scan after the other (`starts`: where each scan
    /// begins), sorted by time, then id: a merge of each scan's own `timeOrder` (sorted where it
    /// ran; sorted here if not), the earlier scan first among equal times (its ids are lower).
    static func mergedTimeOrder(_ scans: [ActivityScan], starts: [Int]) -> [Int32] {
        let orders = scans.map { $0.timeOrder ?? timeOrder(of: $0.rows) }
        var next = [Int](repeating: 0, count: scans.count)
        var merged: [Int32] = []
        merged.reserveCapacity(starts[starts.count - 1])
        while true {
            var best = -1
            var bestTime = Int64.max
            for index in scans.indices where next[index] < orders[index].count {
                let time = scans[index].rows[Int(orders[index][next[index]])].time
                if best < 0 || time < bestTime {
                    best = index
                    bestTime = time
                }
            }
            guard best >= 0 else { return merged }
            merged.append(Int32(starts[best]) + orders[best][next[best]])
            next[best] += 1
        }
    }

    /// Positions into `rows` (in id order) sorted by time, then id.
    static func timeOrder(of rows: [CommunitySnapshot.ActivityRow]) -> [Int32] {
        struct Key {
            var time: Int64
            var position: Int32
        }
        var keys = rows.indices.map { Key(time: rows[$0].time, position: Int32($0)) }
        let sorted = zip(keys, keys.dropFirst()).allSatisfy { $0.time <= $1.time }
        if !sorted {
            keys.sort { $0.time != $1.time ? $0.time < $1.time : $0.position < $1.position }
        }
        return keys.map(\.position)
    }

    /// The links on loaded activities, as (activity index, link row) pairs ordered by activity
    /// index, then row: a counting sort, stable, in two passes.
    static func linkOrder(
        _ links: ActivityLinkScan, activityCount: Int, indexByActivityID: RowIDTable<Int32>
    ) -> [(activity: Int32, row: Int32)] {
        let indexes = links.activityIDs.map { indexByActivityID[$0] }
        var starts = [Int32](repeating: 0, count: activityCount + 1)
        for index in indexes where index >= 0 { starts[Int(index) + 1] += 1 }
        for position in 0..<activityCount { starts[position + 1] += starts[position] }
        var ordered = [(activity: Int32, row: Int32)](repeating: (0, 0), count: Int(starts[activityCount]))
        for (row, index) in indexes.enumerated() where index >= 0 {
            ordered[Int(starts[Int(index)])] = (index, Int32(row))
            starts[Int(index)] += 1
        }
        return ordered
    }

    /// Each member's earliest reaction over the whole history in the queried spaces: the time of
    /// the activity reacted to (reactions carry no date of their own); `Int64.max` for none.
    static func firstReactions(
        memberCount: Int, reactions: ActivityLinkScan, memberByIdentity: RowIDTable<Int32>,
        activities: [CommunitySnapshot.ActivityRow], indexByActivityID: RowIDTable<Int32>, scans: [ActivityScan]
    ) -> [Int64] {
        let earlierIDs = scans.flatMap(\.earlierIDs)
        let earlierTimes = scans.flatMap(\.earlierTimes)
        var earlierTimeByID = RowIDTable<Int64>(
            ids: earlierIDs.first.map { $0...earlierIDs[earlierIDs.count - 1] }, count: earlierIDs.count, missing: .max)
        for (id, time) in zip(earlierIDs, earlierTimes) { earlierTimeByID[id] = time }
        var first = [Int64](repeating: .max, count: memberCount)
        for (activityID, identity) in zip(reactions.activityIDs, reactions.identityIDs) {
            let member = memberByIdentity[identity]
            guard member >= 0 else { continue }
            let index = indexByActivityID[activityID]
            let time = index >= 0 ? activities[Int(index)].time : earlierTimeByID[activityID]
            if time < first[Int(member)] { first[Int(member)] = time }
        }
        return first
    }

    /// The spaces `query` selects from `all` (the store's spaces on the queried platform, by name
    /// then id), or `nil` when it selects every one; unknown names are an error listing the known.
    static func selectSpaces(
        _ all: [(info: CommunitySnapshot.SpaceInfo, externalID: String)], query: ActivityQuery
    ) throws -> [CommunitySnapshot.SpaceInfo]? {
        guard !query.spaces.isEmpty || query.platform != nil else { return nil }
        var spaces = all.map(\.info)
        if !query.spaces.isEmpty {
            let wanted = query.spaces.map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
            let selected = all.filter { wanted.contains($0.info.name) || wanted.contains($0.externalID) }
            let found = Set(selected.flatMap { [$0.info.name, $0.externalID] })
            let missing = wanted.filter { !found.contains($0) }
            if !missing.isEmpty { throw StoreError.unknownSpace(missing, available: all.map(\.info.name)) }
            spaces = selected.map(\.info)
        }
        return spaces
    }
}
