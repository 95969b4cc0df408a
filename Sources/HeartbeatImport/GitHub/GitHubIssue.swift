/// An issue or a pull request, as event payloads (`issue`, `pull_request`) and the REST API's
/// `/issues` and `/pulls` lists give it. Every field is optional because payloads differ by event
/// and GitHub has trimmed some of them over the years; what a mapping needs, it checks.
struct GitHubIssue: Decodable, Sendable {
    var number: Int?
    var title: String?
    var body: String?
    var user: GitHubUser?
    var createdAt: String?
    /// Present (REST `/issues`, event `issue`) when the issue is in fact a pull request.
    var pullRequest: PullRequestLink?
    /// REST `/issues`: `https://api.github.com/repos/O/R`.
    var repositoryURL: String?
    /// Pull requests in events: whether it was merged.
    var merged: Bool?
    /// Pull requests (`/pulls`, events): when it was merged, else `null`.
    var mergedAt: String?
    var mergedBy: GitHubUser?
    /// REST `/pulls`: the repository the pull request targets.
    var base: Base?

    struct PullRequestLink: Decodable, Sendable {
        var mergedAt: String?
        enum CodingKeys: String, CodingKey { case mergedAt = "merged_at" }
    }

    struct Base: Decodable, Sendable {
        var repo: Repository?
        struct Repository: Decodable, Sendable {
            var fullName: String?
            enum CodingKeys: String, CodingKey { case fullName = "full_name" }
        }
    }

    enum CodingKeys: String, CodingKey {
        case number, title, body, user, merged, base
        case createdAt = "created_at"
        case pullRequest = "pull_request"
        case repositoryURL = "repository_url"
        case mergedAt = "merged_at"
        case mergedBy = "merged_by"
    }

    /// Whether it was merged, by whichever field says so.
    var wasMerged: Bool { merged == true || mergedAt != nil || pullRequest?.mergedAt != nil }

    /// The merge time as written, from whichever field gives it.
    var mergedAtText: String? { mergedAt ?? pullRequest?.mergedAt }
}
