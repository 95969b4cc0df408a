/// Which submissions `submissions list` (and the dashboard's board) shows. Empty fields do not
/// filter.
public struct SubmissionFilter: Sendable, Hashable {
    public var states: [SubmissionState] = []
    public var tags: [String] = []
    public var kinds: [SubmissionKind] = []
    public var authorID: Int64?
    public var editorID: Int64?
    /// Only submissions that have been in their state longer than this many days (as of `now`)
    /// and are not final.
    public var staleDays: Int?
    /// Only open ones (not published, declined or withdrawn).
    public var openOnly = false

    public init() {}

    public func matches(_ submission: Submission, now: Timestamp) -> Bool {
        if !states.isEmpty && !states.contains(submission.state) { return false }
        if !kinds.isEmpty && !kinds.contains(submission.kind) { return false }
        if !tags.isEmpty && Set(Submission.normalizedTags(tags)).isDisjoint(with: submission.tags) { return false }
        if let authorID, submission.author.id != authorID { return false }
        if let editorID, submission.editor?.id != editorID { return false }
        if openOnly && !submission.state.isOpen { return false }
        if let staleDays {
            guard !submission.state.isFinal else { return false }
            if submission.daysInState(at: now) <= Double(staleDays) { return false }
        }
        return true
    }
}
