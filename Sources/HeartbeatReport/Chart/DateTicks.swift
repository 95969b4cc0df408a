import HeartbeatCore

/// Tick marks for a time axis of days: every day for two weeks, Mondays up to two months, the
/// first of each month up to about a year, quarters up to four years, then years. Labels say only
/// what changes (`Mar 4`, `Mar`, `2025`), with the year added where it turns.
public enum DateTicks {
    public struct Tick: Sendable, Hashable {
        public var day: Int64
        public var label: String

        public init(day: Int64, label: String) {
            self.day = day
            self.label = label
        }
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The ticks between `first` and `last` (UTC day numbers, both included).
    public static func ticks(first: Int64, last: Int64) -> [Tick] {
        guard last >= first else { return [] }
        let span = last - first + 1
        var ticks: [Tick] = []
        var previousYear: Int?
        for day in first...last {
            let date = CivilDate(dayNumber: day)
            let keep: Bool
            let label: String
            switch span {
            case ...14:
                keep = true
                label = "\(monthNames[date.month - 1]) \(date.day)"
            case ...62:
                keep = date.weekday == 0
                label = "\(monthNames[date.month - 1]) \(date.day)"
            case ...400:
                keep = date.day == 1
                label = monthNames[date.month - 1] + (date.month == 1 || previousYear == nil ? " \(date.year)" : "")
            case ...1_500:
                keep = date.day == 1 && (date.month - 1) % 3 == 0
                label = monthNames[date.month - 1] + (date.month == 1 || previousYear == nil ? " \(date.year)" : "")
            default:
                keep = date.day == 1 && date.month == 1
                label = String(date.year)
            }
            guard keep else { continue }
            ticks.append(Tick(day: day, label: label))
            previousYear = date.year
        }
        return ticks
    }
}
