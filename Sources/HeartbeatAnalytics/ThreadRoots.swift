import HeartbeatCore

/// Finds the root a reply belongs to. A reply names its thread by the root's space and time
/// (`threadRoot`), so the root is the candidate activity with that space and time; when several
/// share both, the last in snapshot order wins (what a dictionary filled in that order held).
///
/// The candidates are kept per space in snapshot order, which is time order, so a lookup is a
/// binary search in one space's times: no hashing, and 8 bytes per candidate.
struct ThreadRoots {
    /// Candidate positions (into the `candidates` given to `init`) grouped by space:
    /// `positions[starts[s]..<starts[s + 1]]` for space `s`, in snapshot order; `times` parallel.
    private var starts: [Int]
    private var times: [Int64]
    private var positions: [Int32]

    /// `candidates`: activity indexes that can be roots, in increasing order.
    init(activities: [CommunitySnapshot.ActivityRow], spaceCount: Int, candidates: [Int32]) {
        var starts = [Int](repeating: 0, count: spaceCount + 1)
        for index in candidates { starts[Int(activities[Int(index)].space) + 1] += 1 }
        for space in 0..<spaceCount { starts[space + 1] += starts[space] }
        var next = starts
        var times = [Int64](repeating: 0, count: candidates.count)
        var positions = [Int32](repeating: 0, count: candidates.count)
        for (position, index) in candidates.enumerated() {
            let activity = activities[Int(index)]
            let slot = next[Int(activity.space)]
            next[Int(activity.space)] += 1
            times[slot] = activity.time
            positions[slot] = Int32(position)
        }
        self.starts = starts
        self.times = times
        self.positions = positions
    }

    /// The position in `candidates` of the last candidate in `space` at `time`; `nil` if none.
    func root(space: Int32, time: Int64) -> Int? {
        guard space >= 0, Int(space) + 1 < starts.count else { return nil }
        var low = starts[Int(space)]
        var high = starts[Int(space) + 1]
        // The first slot with a later time; the candidate, if any, is just before it.
        while low < high {
            let middle = (low + high) / 2
            if times[middle] <= time { low = middle + 1 } else { high = middle }
        }
        guard low > starts[Int(space)], times[low - 1] == time else { return nil }
        return Int(positions[low - 1])
    }
}
