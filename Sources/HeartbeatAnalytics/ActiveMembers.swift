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
        var tally = Tally(members: postDays.count, period: period)
        for (member, days) in postDays.enumerated() {
            for day in days { tally.add(member: member, day: day) }
        }
        return tally.averages()
    }

    /// Mean over the period's days of the members active in the `window` days ending that day.
    public static func averageActive(postDays: [[Int64]], window: Int64, period: Period) -> Double {
        let counts = activeByDay(postDays: postDays, window: window, period: period)
        return counts.isEmpty ? 0 : Double(counts.reduce(0, +)) / Double(counts.count)
    }

    /// For each day of the period, the members active in the `window` days ending that day.
    public static func activeByDay(postDays: [[Int64]], window: Int64, period: Period) -> [Int] {
        var tally = Tally(members: postDays.count, period: period, windows: [window])
        for (member, days) in postDays.enumerated() {
            for day in days { tally.add(member: member, day: day) }
        }
        return tally.activeByDay()[0]
    }

    /// Counts active members per day of a period as posts come, without keeping each member's
    /// days: each post day `a` makes its member count on days a ... a+window-1; a member's
    /// overlapping windows merge into runs, and each finished run is added to a difference array.
    /// A member's days must come in non-decreasing order (a snapshot's activities do).
    public struct Tally: Sendable {
        public let period: Period
        /// Window lengths in days, 1 (daily), 7 (weekly), 30 (monthly) by default.
        public let windows: [Int64]
        private var lastDay: [Int64]
        /// Per member and window: the open run's first and last covered day (inclusive), or
        /// `.min` when none is open.
        private var runs: [Int64]
        /// Per window, one after the other: the period's days, plus one. One flat array: nested
        /// arrays checked the inner one's uniqueness at every update.
        private var differences: [Int]
        private let stride: Int

        public init(members: Int, period: Period, windows: [Int64] = [1, 7, 30]) {
            self.period = period
            self.windows = windows
            lastDay = [Int64](repeating: .min, count: members)
            runs = [Int64](repeating: .min, count: members * windows.count * 2)
            stride = period.dayCount + 1
            differences = [Int](repeating: 0, count: windows.count * stride)
        }

        /// `member` posted on `day`.
        public mutating func add(member: Int, day: Int64) {
            guard lastDay[member] != day else { return }
            lastDay[member] = day
            for window in windows.indices {
                let slot = (member * windows.count + window) * 2
                let end = day + windows[window] - 1
                if runs[slot] != .min, day <= runs[slot + 1] + 1 {
                    runs[slot + 1] = max(runs[slot + 1], end)
                } else {
                    close(slot: slot, window: window)
                    runs[slot] = day
                    runs[slot + 1] = end
                }
            }
        }

        private mutating func close(slot: Int, window: Int) {
            guard runs[slot] != .min else { return }
            let first = period.firstDay
            let lower = max(runs[slot], first) - first
            let upper = min(runs[slot + 1], first + Int64(period.dayCount) - 1) - first
            if lower <= upper {
                differences[window * stride + Int(lower)] += 1
                differences[window * stride + Int(upper) + 1] -= 1
            }
        }

        /// For each window, the members active in the window ending on each day of the period.
        public func activeByDay() -> [[Int]] {
            guard period.dayCount > 0 else { return windows.map { _ in [] } }
            var tally = self
            for member in lastDay.indices {
                for window in windows.indices { tally.close(slot: (member * windows.count + window) * 2, window: window) }
            }
            return windows.indices.map { window in
                var running = 0
                return (0..<period.dayCount).map { index in
                    running += tally.differences[window * stride + index]
                    return running
                }
            }
        }

        /// The period's averages; the tally must have the default windows (1, 7, 30 days).
        public func averages() -> Averages {
            let counts = activeByDay()
            func mean(_ values: [Int]) -> Double { values.isEmpty ? 0 : Double(values.reduce(0, +)) / Double(values.count) }
            return Averages(daily: counts[0], dau: mean(counts[0]), wau: mean(counts[1]), mau: mean(counts[2]))
        }
    }
}
