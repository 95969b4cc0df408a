/// Engagement figures side by side per segment (definitions as in `EngagementReport`, computed
/// on the community restricted to the segment's members).
public struct SegmentsReport: Codable, Sendable, Hashable {
    public var scope: ReportScope
    /// `everyone` first, then each segment in the order of `heartbeat.toml`.
    public var segments: [SegmentFigures]

    public init(scope: ReportScope, segments: [SegmentFigures]) {
        self.scope = scope
        self.segments = segments
    }
}

/// One segment's engagement figures.
public struct SegmentFigures: Codable, Sendable, Hashable {
    public var segment: String
    public var members: Int
    public var newMembers: Int
    public var activePosters: Int
    /// Active posters ÷ members.
    public var activeShare: Double
    public var messages: Int
    public var replies: Int
    public var reactions: Int
    public var averageDAU: Double
    public var averageWAU: Double
    public var averageMAU: Double
    public var stickiness: Double
    public var threadsStarted: Int
    public var responseRate: Double
    public var firstResponseMedianSeconds: Double?
    public var questions: Int
    public var unansweredQuestions: Int
}
