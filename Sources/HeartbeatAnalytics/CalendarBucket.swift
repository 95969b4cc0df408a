import HeartbeatCore

/// Calendar months or Monday-to-Sunday weeks (UTC), numbered so that consecutive buckets differ by
/// one: the unit of retention cohorts.
public enum CalendarBucket: String, Sendable, Codable, CaseIterable {
    case month, week

    /// The bucket number of a day.
    public func index(ofDay day: Int64) -> Int64 {
        switch self {
        case .month:
            let date = CivilDate(dayNumber: day)
            return Int64(date.year * 12 + date.month - 1)
        case .week:
            // Day 4 (1970-01-05) is a Monday, so Mondays are 4 + 7k.
            return (day - Int64(CivilDate(dayNumber: day).weekday) - 4) / 7
        }
    }

    /// The first day of a bucket.
    public func firstDay(of index: Int64) -> Int64 {
        switch self {
        case .month:
            let year = Int(index / 12)
            let month = Int(index % 12) + 1
            return CivilDate(year: year, month: month, day: 1)!.dayNumber
        case .week:
            return index * 7 + 4
        }
    }

    /// `2026-03` for a month, the Monday `2026-03-02` for a week.
    public func label(of index: Int64) -> String {
        let first = CivilDate(dayNumber: firstDay(of: index)).description
        return self == .month ? String(first.prefix(7)) : first
    }
}
