/// A half-open interval of UTC days `[start, end)`: `start` is the first day included, `end` the
/// first day no longer included. `--since 2026-01-01 --until 2026-07-01` is the first half of 2026.
public struct Period: Sendable, Hashable, Codable {
    public var start: Timestamp
    public var end: Timestamp

    public init(start: Timestamp, end: Timestamp) {
        self.start = start
        self.end = max(start, end)
    }

    public init(from first: CivilDate, until endExclusive: CivilDate) {
        self.init(start: first.startTimestamp, end: endExclusive.startTimestamp)
    }

    /// The `days` whole UTC days that end with the day of `last` (inclusive).
    public static func days(_ days: Int, endingWith last: Timestamp) -> Period {
        let endDay = last.dayNumber + 1
        return Period(start: .startOfDay(endDay - Int64(days)), end: .startOfDay(endDay))
    }

    public func contains(_ time: Timestamp) -> Bool { time >= start && time < end }
    public func contains(microseconds: Int64) -> Bool {
        microseconds >= start.microseconds && microseconds < end.microseconds
    }

    public var firstDay: Int64 { start.dayNumber }
    /// One past the last day number included.
    public var endDay: Int64 { end.dayNumber }
    public var dayCount: Int { Int(max(0, endDay - firstDay)) }
    /// The last day included, for display (`2026-06-30` for an `end` of `2026-07-01`).
    public var lastIncludedDay: CivilDate { CivilDate(dayNumber: endDay - 1) }
}
