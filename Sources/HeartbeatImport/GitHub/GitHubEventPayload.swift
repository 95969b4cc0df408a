/// The `payload` of the GH Archive events Heartbeat reads, decoded only for events of kept
/// repositories and known types (other types may hold fields of other shapes).
struct GitHubEventPayload: Decodable, Sendable {
    var action: String?
    var issue: GitHubIssue?
    var comment: GitHubComment?
    var review: GitHubComment?
    var pullRequest: GitHubIssue?
    /// `PullRequestEvent`: the pull request's number.
    var number: Int?
    /// `PushEvent`: GitHub's id of the push.
    var pushID: Int64?
    /// `PushEvent`: the sha the branch points to after the push.
    var head: String?
    /// `PushEvent`: up to 20 commits (GitHub no longer sends them in newer events).
    var commits: [GitHubCommit]?

    enum CodingKeys: String, CodingKey {
        case action, issue, comment, review, number, head, commits
        case pullRequest = "pull_request"
        case pushID = "push_id"
    }

    /// Wraps the payload so that it can be decoded from the whole event line.
    struct Envelope: Decodable, Sendable {
        var payload: GitHubEventPayload?
    }
}
