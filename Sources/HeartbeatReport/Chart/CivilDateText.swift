import HeartbeatCore

/// ISO dates of day numbers, for chart tables and titles.
enum CivilDateText {
    static func iso(_ day: Int64) -> String { CivilDate(dayNumber: day).description }
}
