/// Organic versus inflated membership (definitions in `Organic`).
public struct OrganicReport: Codable, Sendable, Hashable {
    public var scope: ReportScope
    public var headline: OrganicHeadline
    public var joinBursts: [JoinBurst]
    /// Persons who joined in a burst of the period and never became active.
    public var neverActiveInBursts: Int
    /// Most recently joined first, at most the list limit.
    public var neverActive: [NeverActiveMember]
    public var bots: [BotAccount]
    public var botMessages: Int
    public var botLikeAccounts: [BotLikeAccount]
    public var weeklyRaw: [WeeklyPoint]
    /// The same series without never-active and bot-like accounts.
    public var weeklyOrganic: [WeeklyPoint]
}

public struct OrganicHeadline: Codable, Sendable, Hashable {
    public var members: Int
    public var everActive: Int
    public var activeRecently: Int
    /// The window of `activeRecently`, in days up to the period end.
    public var activeDays: Int
    public var neverActive: Int
    public var botLike: Int
    public var organicMembers: Int
    /// 0–100.
    public var organicScore: Double
}

public struct JoinBurst: Codable, Sendable, Hashable {
    /// `YYYY-MM-DD` (UTC).
    public var day: String
    public var joins: Int
    /// Median and median absolute deviation of daily joins over the 28 days before.
    public var baselineMedian: Double
    public var baselineMAD: Double
    /// Joins above which the day counts as a burst: median + threshold × max(1.4826 × MAD, √median, 1).
    public var threshold: Double
    /// Joins above the baseline median.
    public var excess: Double
    /// (joins − median) ÷ max(1.4826 × MAD, √median, 1).
    public var robustZ: Double
    /// Of those who joined that day, how many ever posted or reacted (by the period end).
    public var becameActive: Int
}

public struct NeverActiveMember: Codable, Sendable, Hashable {
    public var memberID: Int64
    public var name: String
    public var handle: String
    /// First seen (`YYYY-MM-DD`), `nil` when the export shows no join.
    public var joined: String?
}

public struct BotAccount: Codable, Sendable, Hashable {
    public var memberID: Int64
    public var name: String
    public var handle: String
    /// Posts (including bot messages) in the period.
    public var posts: Int
    public var reason: String
    public var evidence: String
}

public struct BotLikeAccount: Codable, Sendable, Hashable {
    public var memberID: Int64
    public var name: String
    public var handle: String
    public var posts: Int
    public var nearIdenticalShare: Double?
    public var intervalCV: Double?
    public var evidence: String
}
