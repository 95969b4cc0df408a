import Dispatch
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

        // Activities in (time, id) order: each scan sorted its own (`ActivityScan.sortByTime`);
        // here they are merged.
        let (activities, origins) = mergedByTime(scans, keepingOrigins: query.includeText)
        var texts: [String] = []
        if query.includeText {
            var next = [Int](repeating: 0, count: scans.count)
            texts = origins.map { origin in
                defer { next[Int(origin)] += 1 }
                return scans[Int(origin)].texts[next[Int(origin)]]
            }
        }
        let lowest = scans.map(\.lowestID).min() ?? .max, highest = scans.map(\.highestID).max() ?? .min
        var indexByActivityID = RowIDTable<Int32>(
            ids: lowest <= highest ? lowest...highest : nil, count: activities.count, missing: -1)
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

    /// The scans' rows, each scan already in (time, id) order, merged into one (time, id) order.
    /// The scans may have taken ranges in turn (`ActivityChunks`), so ids decide among equal times.
    /// `origins`: the scan each row came from, when asked for (to take the texts in the same order).
    static func mergedByTime(
        _ scans: [ActivityScan], keepingOrigins: Bool
    ) -> (rows: [CommunitySnapshot.ActivityRow], origins: [UInt16]) {
        if scans.count == 2 {
            return mergedByTime(scans[0].rows, scans[1].rows, keepingOrigins: keepingOrigins)
        }
        var merged: [CommunitySnapshot.ActivityRow] = []
        merged.reserveCapacity(scans.reduce(0) { $0 + $1.rows.count })
        var origins: [UInt16] = []
        if keepingOrigins { origins.reserveCapacity(merged.capacity) }
        var next = [Int](repeating: 0, count: scans.count)
        while true {
            var best = -1
            var bestTime = Int64.max
            var bestID = Int64.max
            for index in scans.indices where next[index] < scans[index].rows.count {
                let row = scans[index].rows[next[index]]
                if best < 0 || row.time < bestTime || (row.time == bestTime && row.id < bestID) {
                    best = index
                    bestTime = row.time
                    bestID = row.id
                }
            }
            guard best >= 0 else { return (merged, origins) }
            merged.append(scans[best].rows[next[best]])
            if keepingOrigins { origins.append(UInt16(best)) }
            next[best] += 1
        }
    }

    /// SQLite's loader: two runs, each in (time, id) order, merged into one. The output is cut in
    /// two where the first half of the merged order ends (a binary search: the merge path), and
    /// each half is merged on its own core: one core merging 1.1M rows was 30-50 ms of the 1M
    /// report in which the other core idled (perf samples per thread in 10 ms bins).
    static func mergedByTime(
        _ a: [CommunitySnapshot.ActivityRow], _ b: [CommunitySnapshot.ActivityRow], keepingOrigins: Bool
    ) -> (rows: [CommunitySnapshot.ActivityRow], origins: [UInt16]) {
        let total = a.count + b.count
        guard total > 0 else { return ([], []) }
        let half = total / 2
        // Ids are unique, so (time, id) orders every pair of rows.
        @inline(__always) func precedes(_ x: CommunitySnapshot.ActivityRow, _ y: CommunitySnapshot.ActivityRow) -> Bool {
            x.time < y.time || (x.time == y.time && x.id < y.id)
        }
        // The number of `a`'s rows among the first `half` of the merged order.
        var low = max(0, half - b.count), high = min(half, a.count)
        while low < high {
            let middle = (low + high) / 2
            if precedes(a[middle], b[half - middle - 1]) { low = middle + 1 } else { high = middle }
        }
        let split = (a: low, b: half - low)
        var origins = keepingOrigins ? [UInt16](repeating: 0, count: total) : []
        let rows = a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                origins.withUnsafeMutableBufferPointer { origins in
                    [CommunitySnapshot.ActivityRow](unsafeUninitializedCapacity: total) { out, initialized in
                        let parts = MergeParts(a: a, b: b, out: out, origins: keepingOrigins ? origins : nil)
                        let work = [(0..<split.a, 0..<split.b, 0), (split.a..<a.count, split.b..<b.count, half)]
                        DispatchQueue.concurrentPerform(iterations: total > 65_536 ? 2 : 1) { iteration in
                            let range = total > 65_536 ? iteration...iteration : 0...1
                            for (aRange, bRange, start) in work[range] { parts.merge(aRange, bRange, at: start) }
                        }
                        initialized = total
                    }
                }
            }
        }
        return (rows, origins)
    }

    /// The buffers one merge half reads and writes; the halves write disjoint ranges.
    private struct MergeParts: @unchecked Sendable {
        let a: UnsafeBufferPointer<CommunitySnapshot.ActivityRow>
        let b: UnsafeBufferPointer<CommunitySnapshot.ActivityRow>
        let out: UnsafeMutableBufferPointer<CommunitySnapshot.ActivityRow>
        let origins: UnsafeMutableBufferPointer<UInt16>?

        func merge(_ aRange: Range<Int>, _ bRange: Range<Int>, at start: Int) {
            var i = aRange.lowerBound, j = bRange.lowerBound, k = start
            let base = out.baseAddress!
            while i < aRange.upperBound, j < bRange.upperBound {
                let x = a[i], y = b[j]
                if y.time < x.time || (y.time == x.time && y.id < x.id) {
                    (base + k).initialize(to: y)
                    origins?[k] = 1
                    j += 1
                } else {
                    (base + k).initialize(to: x)
                    i += 1
                }
                k += 1
            }
            while i < aRange.upperBound {
                (base + k).initialize(to: a[i])
                i += 1
                k += 1
            }
            while j < bRange.upperBound {
                (base + k).initialize(to: b[j])
                origins?[k] = 1
                j += 1
                k += 1
            }
        }
    }

    /// Positions into `rows` (in id order) sorted by time, then id; `nil` when they are in that
    /// order already.
    static func timeOrder(of rows: [CommunitySnapshot.ActivityRow]) -> [Int32]? {
        struct Key {
            var time: Int64
            var position: Int32
        }
        var keys = rows.indices.map { Key(time: rows[$0].time, position: Int32($0)) }
        guard !zip(keys, keys.dropFirst()).allSatisfy({ $0.time <= $1.time }) else { return nil }
        keys.sort { $0.time != $1.time ? $0.time < $1.time : $0.position < $1.position }
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
        // Each scan's ids increase; two scans that took ranges in turn interleave.
        var earlierTimeByID = RowIDTable<Int64>(
            ids: earlierIDs.min().map { $0...earlierIDs.max()! }, count: earlierIDs.count, missing: .max)
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
