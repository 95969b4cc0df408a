import HeartbeatCore

/// `report contributors`: the contributor program over a period. Definitions live on `Contributors`.
public struct ContributorsReport: Codable, Sendable, Hashable {
    public struct Summary: Codable, Sendable, Hashable {
        /// Contributors at the period end.
        public var contributors: Int
        /// Contributors active in the period.
        public var activeContributors: Int
        /// Contributors whose first contribution falls in the period.
        public var newContributors: Int
        /// Contributors with no activity in the last `quiet_days` before the as-of moment.
        public var quietContributors: Int
        /// Submissions open (not published, declined or withdrawn) at the as-of moment.
        public var openSubmissions: Int
        /// Submissions created (pitched) in the period.
        public var pitched: Int
        /// Submissions that reached `published` for the first time in the period.
        public var published: Int
        /// Pitches decided in the period (accepted or declined).
        public var decisions: Int
        public var accepted: Int
        /// accepted ÷ decisions; `nil` without decisions.
        public var acceptanceRate: Double?
        /// Days from pitch to publication, of the submissions published in the period.
        public var pitchToPublishedMedianDays: Double?
        public var pitchToPublishedP90Days: Double?
        /// Open submissions over their state's service level.
        public var overdue: Int
    }

    public struct StateRow: Codable, Sendable, Hashable {
        public var state: SubmissionState
        /// `[service_levels] <state>_days`, if set.
        public var serviceLevelDays: Int?
        /// Submissions in this state at the as-of moment.
        public var atPeriodEnd: Int
        /// Moves into this state during the period (a new pitch enters `pitched`).
        public var entered: Int
        /// Stays in this state that ended during the period and whose start is known (not ended by
        /// a spreadsheet import, which may skip states).
        public var staysEnded: Int
        /// Median length of those stays, in days.
        public var medianDays: Double?
    }

    public struct Overdue: Codable, Sendable, Hashable {
        public var submissionID: Int64
        public var title: String
        public var state: SubmissionState
        public var author: String
        public var editor: String?
        public var daysInState: Double
        public var serviceLevelDays: Int
        /// daysInState − serviceLevelDays.
        public var overdueDays: Double
    }

    public struct RoleRow: Codable, Sendable, Hashable {
        public var role: String
        /// Members who held the role on any day of the period.
        public var holders: Int
        /// Of those, the ones active in the period.
        public var active: Int
        /// Grants that started in the period.
        public var granted: Int
        /// Grants that ended in the period.
        public var ended: Int
    }

    public struct Person: Codable, Sendable, Hashable {
        public var memberID: Int64
        public var name: String
        public var handle: String
        /// Roles held at the as-of moment.
        public var roles: [String]
    }

    public struct Quiet: Codable, Sendable, Hashable {
        public var memberID: Int64
        public var name: String
        public var handle: String
        public var roles: [String]
        /// Their submissions still open.
        public var openSubmissions: Int
        /// Last post, reply or change to one of their submissions before the as-of moment, `YYYY-MM-DD`;
        /// `nil` when none is known.
        public var lastActivity: String?
        /// Whole days since then.
        public var daysSilent: Int?
    }

    public struct Guidelines: Codable, Sendable, Hashable {
        /// The newest version published by the as-of moment.
        public var current: String?
        public var published: String?
        /// Active contributors who accepted it.
        public var acceptedByActive: Int
        /// Active contributors who have not accepted it.
        public var notAccepted: [Person]
    }

    public var scope: ReportScope
    /// Overdue, open and quiet are judged at this moment (`YYYY-MM-DDTHH:MM:SSZ`): the period end,
    /// or now when the period reaches into the future.
    public var asOf: String
    public var quietDays: Int
    public var summary: Summary
    public var states: [StateRow]
    public var overdue: [Overdue]
    public var roles: [RoleRow]
    public var newContributors: [Person]
    public var quiet: [Quiet]
    public var guidelines: Guidelines
}
