/// One element of a JSON array saved from the GitHub REST API: an issue (`/repos/O/R/issues`, which
/// lists pull requests too), a pull request (`/repos/O/R/pulls`) or an issue comment
/// (`/repos/O/R/issues/comments`). Which one it is, its fields tell (`kind`).
struct GitHubRESTItem: Decodable, Sendable {
    var id: Int64?
    var number: Int?
    var title: String?
    var body: String?
    var user: GitHubUser?
    var createdAt: String?
    var pullRequest: GitHubIssue.PullRequestLink?
    var repositoryURL: String?
    var mergedAt: String?
    var base: GitHubIssue.Base?
    var issueURL: String?

    enum CodingKeys: String, CodingKey {
        case id, number, title, body, user, base
        case createdAt = "created_at"
        case pullRequest = "pull_request"
        case repositoryURL = "repository_url"
        case mergedAt = "merged_at"
        case issueURL = "issue_url"
    }

    enum Kind: Equatable {
        /// An issue, or a pull request when `isPullRequest`, of repository `owner/name`.
        case issue(repository: String, number: Int, isPullRequest: Bool)
        /// A comment on issue or pull request `number` of repository `owner/name`.
        case comment(repository: String, number: Int, id: Int64)
    }

    /// What the element is, or `nil` when it is none of the three.
    var kind: Kind? {
        if let number {
            if let name = base?.repo?.fullName { return .issue(repository: name, number: number, isPullRequest: true) }
            if let url = repositoryURL, let (name, _) = Self.repository(inAPIURL: url) {
                return .issue(repository: name, number: number, isPullRequest: pullRequest != nil)
            }
            return nil
        }
        if let id, let url = issueURL, let (name, rest) = Self.repository(inAPIURL: url),
            rest.count == 2, rest[0] == "issues", let number = Int(rest[1])
        {
            return .comment(repository: name, number: number, id: id)
        }
        return nil
    }

    /// `https://api.github.com/repos/O/R/issues/12` → (`O/R`, [`issues`, `12`]); works for GitHub
    /// Enterprise's `https://host/api/v3/repos/…` too.
    static func repository(inAPIURL url: String) -> (String, [Substring])? {
        let parts = url.split(separator: "/")
        guard let index = parts.firstIndex(of: "repos"), parts.count >= index + 3 else { return nil }
        return (parts[index + 1] + "/" + parts[index + 2], Array(parts[(index + 3)...]))
    }
}
