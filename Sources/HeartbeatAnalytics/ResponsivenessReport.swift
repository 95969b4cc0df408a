/// Who answers the community's questions first (definitions in `Responsiveness`).
public struct ResponsivenessReport: Codable, Sendable, Hashable {
    public var scope: ReportScope
    public var teamSource: TeamSource
    /// Team members' display names, sorted.
    public var team: [String]
    public var targetHours: Double
    /// Questions asked by persons outside the team.
    public var communityQuestions: Int
    /// Questions asked by team members (not counted in the groups).
    public var teamQuestions: Int
    public var unanswered: Int
    public var unansweredShare: Double
    public var byTeam: ResponderGroup
    public var byCommunity: ResponderGroup
    /// Community questions first answered (by anyone) within the target.
    public var withinTargetShare: Double
    public var teamResponders: [Responder]
    public var communityResponders: [Responder]
}

public enum TeamSource: String, Codable, Sendable, Hashable, CaseIterable {
    /// `team = [...]` in heartbeat.toml.
    case settings
    /// Workspace admins and owners (no team listed).
    case admins
}

public struct ResponderGroup: Codable, Sendable, Hashable {
    /// Community questions this group answered first.
    public var questions: Int
    /// Of all community questions.
    public var share: Double
    public var firstResponseMedianSeconds: Double?
    public var firstResponseP90Seconds: Double?
    /// Of `questions`, answered within the target.
    public var withinTarget: Int
}

public struct Responder: Codable, Sendable, Hashable {
    public var memberID: Int64
    public var name: String
    public var handle: String
    public var firstAnswers: Int
    public var firstResponseMedianSeconds: Double
}
