/// What an activity is, independent of the platform it came from. Stored as its raw value, so
/// cases are only ever added, never renumbered.
public enum ActivityKind: Int, Sendable, Codable, CaseIterable {
    /// A top-level post by a person (Slack: no subtype, `file_share`, `me_message`, or a thread parent).
    case message = 1
    /// A reply inside a thread (Slack: `thread_ts != ts`, including `thread_broadcast`).
    case reply = 2
    /// A post by an integration (Slack: `bot_message`, or any post by an account flagged as a bot).
    case botMessage = 3
    /// Joined a space (Slack: `channel_join`).
    case join = 4
    /// Left a space (Slack: `channel_leave`).
    case leave = 5
    /// Changed a space's topic, purpose or name.
    case spaceUpdate = 6
    /// A placeholder for a deleted message that kept its thread (Slack: `tombstone`).
    case tombstone = 7
    /// A subtype Heartbeat does not interpret (kept with its subtype, counted, never a post).
    case other = 8
    /// Opened an issue (GitHub). A top-level post in its repository; comments on it are replies.
    case issue = 9
    /// Opened a pull request (GitHub). A top-level post; reviews and comments on it are replies.
    case pullRequest = 10
    /// A pull request was merged; credited to the pull request's author (who is what the contributor
    /// funnel follows), dated when it was merged.
    case merge = 11
    /// Pushed commits (GitHub `PushEvent`): code activity, not a post.
    case commit = 12
    /// Starred a repository (GitHub `WatchEvent`): like a reaction, not a post.
    case star = 13
    /// Forked a repository: not a post.
    case fork = 14

    /// Whether this counts as a person posting (the basis of "active poster"): a chat message or
    /// reply, and on GitHub an issue, a pull request or a comment or review (stored as replies).
    public var isPost: Bool { isTopLevelPost || self == .reply }

    /// A post that can start a thread (a question, an issue, a pull request): what first-response
    /// times and unanswered questions are measured on.
    public var isTopLevelPost: Bool { self == .message || self == .issue || self == .pullRequest }

    /// Opening an issue or a pull request: the funnel's "opened an issue or PR" step.
    public var isCodeContribution: Bool { self == .issue || self == .pullRequest }
}
