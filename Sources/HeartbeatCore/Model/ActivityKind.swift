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

    /// Whether this counts as a person posting (the basis of "active poster").
    public var isPost: Bool { self == .message || self == .reply }
}
