/// The contributor funnel: from chat member to merged pull request (definitions in `Funnel`).
public struct FunnelReport: Codable, Sendable, Hashable {
    public var scope: ReportScope
    public var steps: [FunnelStep]
    public var months: [FunnelMonth]
    /// First-time contributors of the period who were chat members before their first pull request.
    public var firstTimeContributors: Int
    public var firstTimeContributorsFromChat: Int
}

public struct FunnelStep: Codable, Sendable, Hashable {
    /// `member`, `posted`, `answered`, `opened`, `merged`.
    public var key: String
    public var label: String
    /// Persons who had reached this step by the period end.
    public var reached: Int
    /// Persons who reached it for the first time inside the period.
    public var reachedInPeriod: Int
    /// Of the persons at the previous step by the period end, the share also at this one; nil for
    /// the first step or when the previous step is empty.
    public var conversion: Double?
    /// Persons at this step who never reached the previous one (a pull request from someone never
    /// seen in chat).
    public var skippedPrevious: Int
    /// Median days from the previous step's first time to this one's, over persons who reached both
    /// in that order; nil when none did.
    public var medianDaysFromPrevious: Double?
}

public struct FunnelMonth: Codable, Sendable, Hashable {
    /// `2026-03`.
    public var month: String
    /// Persons whose first post, first answer, first issue or pull request, first merge fell in the month.
    public var firstPosted: Int
    public var firstAnswered: Int
    public var firstOpened: Int
    public var firstMerged: Int
    /// Persons whose first pull request on GitHub fell in the month.
    public var firstTimeContributors: Int
    /// Of those, persons active in chat (Slack, Discord, Telegram: any activity, a join included)
    /// before their first pull request.
    public var fromChat: Int
}
