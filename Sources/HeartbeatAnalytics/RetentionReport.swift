/// Cohort retention and member states (definitions in `Retention`).
public struct RetentionReport: Codable, Sendable, Hashable {
    public var scope: ReportScope
    public var bucket: CalendarBucket
    public var churnDays: Int
    public var cohorts: [RetentionCohort]
    public var buckets: [RetentionBucket]
}

public struct RetentionCohort: Codable, Sendable, Hashable {
    /// `2026-03` (month) or the Monday `2026-03-02` (week).
    public var cohort: String
    public var size: Int
    /// Persons of the cohort who posted in the k-th bucket after joining.
    public var posted: [Int]
    /// `posted[k] ÷ size`.
    public var retention: [Double]
}

public struct RetentionBucket: Codable, Sendable, Hashable {
    public var bucket: String
    public var activePosters: Int
    public var new: Int
    public var returning: Int
    public var reactivated: Int
    public var churned: Int
}
