import HeartbeatCore

/// What every report is asked for: the period, the filters, and list lengths. The same for every
/// `heartbeat report NAME`.
public struct ReportRequest: Sendable, Hashable {
    /// First day included (`--since`); default: `defaultDays` before `until`.
    public var since: CivilDate?
    /// First day no longer included (`--until`); default: the day after the last activity.
    public var until: CivilDate?
    /// `--all`: the whole history, from the first activity's day to the last's.
    public var wholeHistory: Bool
    /// Length of the default period in days (90).
    public var defaultDays: Int
    public var platform: Platform?
    /// Channel names or ids (`--channel`); empty for all.
    public var spaces: [String]
    /// Length of each top-members list (`--top`).
    public var top: Int
    /// How many unanswered questions to list (all are counted).
    public var unansweredListLimit: Int
    /// Only the members of this segment (`--segment`), as declared in `heartbeat.toml`.
    public var segment: String?

    public init(
        since: CivilDate? = nil, until: CivilDate? = nil, wholeHistory: Bool = false, defaultDays: Int = 90,
        platform: Platform? = nil, spaces: [String] = [], top: Int = 10, unansweredListLimit: Int = 20,
        segment: String? = nil
    ) {
        self.segment = segment
        self.since = since
        self.until = until
        self.wholeHistory = wholeHistory
        self.defaultDays = defaultDays
        self.platform = platform
        self.spaces = spaces
        self.top = top
        self.unansweredListLimit = unansweredListLimit
    }

    public var activityQuery: ActivityQuery { ActivityQuery(platform: platform, spaces: spaces) }

    /// The period this request means, given the store's first and last activity (`nil` when empty).
    public func resolvePeriod(activityRange: ClosedRange<Timestamp>?) -> Period {
        if wholeHistory, let range = activityRange {
            let start = since?.startTimestamp ?? .startOfDay(range.lowerBound.dayNumber)
            let end = until?.startTimestamp ?? .startOfDay(range.upperBound.dayNumber + 1)
            return Period(start: start, end: end)
        }
        let endDay: Int64
        if let until {
            endDay = until.dayNumber
        } else if let last = activityRange?.upperBound {
            endDay = last.dayNumber + 1
        } else if let since {
            endDay = since.dayNumber + Int64(defaultDays)
        } else {
            endDay = 0
        }
        let startDay = since?.dayNumber ?? endDay - Int64(defaultDays)
        return Period(start: .startOfDay(startDay), end: .startOfDay(endDay))
    }
}
