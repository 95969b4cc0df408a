import HeartbeatCore

/// A submission as the dashboard and its API show it: the stored fields plus how long it has been
/// in its state and whether that is over the state's service level (`[service_levels]`).
public struct SubmissionCard: Codable, Sendable {
    public var id: Int64
    public var kind: SubmissionKind
    public var title: String
    public var summary: String
    public var tags: [String]
    public var author: MemberRef
    public var editor: MemberRef?
    public var state: SubmissionState
    public var stateSince: Timestamp
    public var createdAt: Timestamp
    public var url: String?
    /// Days since it entered its state, at the time of the request.
    public var daysInState: Double
    /// `[service_levels] <state>_days`, if set for its state.
    public var serviceLevelDays: Int?
    public var overdue: Bool

    init(_ submission: Submission, now: Timestamp, levels: [SubmissionState: Int]) {
        id = submission.id
        kind = submission.kind
        title = submission.title
        summary = submission.summary
        tags = submission.tags
        author = submission.author
        editor = submission.editor
        state = submission.state
        stateSince = submission.stateSince
        createdAt = submission.createdAt
        url = submission.url
        let days = Double(now.microseconds - submission.stateSince.microseconds) / Double(Timestamp.microsecondsPerDay)
        let level = submission.state.isFinal ? nil : levels[submission.state]
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
