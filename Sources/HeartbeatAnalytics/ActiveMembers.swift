import HeartbeatCore

/// Daily, weekly and monthly active posters, averaged over the days of a period.
///
/// Definitions (quoted in the README): an *active* member on a day is a person (not a bot) who
/// posted a message or a thread reply that UTC day. For each day `d` of the period, DAU(d) counts
/// active members on `d`, WAU(d) those active on any of the 7 days ending with `d`, MAU(d) on any of
/// the 30 days ending with `d` (the windows reach back before the period start). The report gives
/// the mean of each over the period's days, and stickiness = mean DAU / mean MAU.
public enum ActiveMembers {
    /// Days before the period start that the MAU window needs.
    public static let lookBackDays: Int64 = 29

    public struct Averages: Sendable, Hashable {
        /// Active members on each day of the period (what `dau` averages).
        public var daily: [Int]
        public var dau: Double
        public var wau: Double
        public var mau: Double
        /// DAU / MAU, 0 when MAU is 0.
        public var stickiness: Double { mau > 0 ? dau / mau : 0 }
    }

    /// `postDays`: for each member with posts, the sorted distinct UTC day numbers they posted on.
    public static func averages(postDays: [[Int64]], period: Period) -> Averages {
        let daily = activeByDay(postDays: postDays, window: 1, period: period)
        return Averages(
            daily: daily, dau: daily.isEmpty ? 0 : Double(daily.reduce(0, +)) / Double(daily.count),
            wau: averageActive(postDays: postDays, window: 7, period: period),
            mau: averageActive(postDays: postDays, window: 30, period: period))
    }

    /// Mean over the period's days of the members active in the `window` days ending that day.
    public static func averageActive(postDays: [[Int64]], window: Int64, period: Period) -> Double {
        let counts = activeByDay(postDays: postDays, window: window, period: period)
        return counts.isEmpty ? 0 : Double(counts.reduce(0, +)) / Double(counts.count)
    }

    /// For each day of the period, the members active in the `window` days ending that day.
    public static func activeByDay(postDays: [[Int64]], window: Int64, period: Period) -> [Int] {
        let first = period.firstDay
        let count = period.dayCount
        guard count > 0 else { return [] }
        // Each active day `a` makes its member count on days a ... a+window-1; merge per member so
        // overlapping windows count once, then add the covered ranges into a difference array.
        var difference = [Int](repeating: 0, count: count + 1)
        for days in postDays {
            var runStart: Int64 = .min
            var runEnd: Int64 = .min  // inclusive
            func flush() {
                guard runStart != .min else { return }
                let lower = max(runStart, first) - first
                let upper = min(runEnd, first + Int64(count) - 1) - first
                if lower <= upper {
                    difference[Int(lower)] += 1
                    difference[Int(upper) + 1] -= 1
                }
            }
            for day in days {
                let end = day + window - 1
                if runStart != .min, day <= runEnd + 1 {
                    runEnd = max(runEnd, end)
                } else {
                    flush()
                    runStart = day
                    runEnd = end
                }
            }
            flush()
        }
        var running = 0
        var counts = [Int](repeating: 0, count: count)
        for index in 0..<count {
            running += difference[index]
            counts[index] = running
        }
        return counts
    }
}
