import HeartbeatCore
import HeartbeatStore

/// A submission as the dashboard and its API show it: the stored submission plus how long it has
/// been in its state and whether that is over the state's service level (`[service_levels]`).
public struct SubmissionCard: Codable, Sendable {
    public var submission: Submission
    /// Days since it entered its state, at the time of the request.
    public var daysInState: Double
    /// `[service_levels] <state>_days`, if set for its state.
    public var serviceLevelDays: Int?
    public var overdue: Bool

    init(_ submission: Submission, now: Timestamp, levels: [SubmissionState: Int]) {
        let days = submission.daysInState(at: now)
        let level = submission.state.isFinal ? nil : levels[submission.state]
        self.submission = submission
        daysInState = days
        serviceLevelDays = level
        overdue = level.map { days > Double($0) } ?? false
    }
}

/// `GET /api/v1/submissions`.
public struct SubmissionList: Codable, Sendable {
    public var submissions: [SubmissionCard]
    public var total: Int
}

/// `GET /api/v1/submissions/ID`: one submission, its history (oldest first) and where it may move.
public struct SubmissionDetail: Codable, Sendable {
    public var submission: SubmissionCard
    public var history: [SubmissionEvent]
    public var allowedNext: [SubmissionState]
}
