/// A comment on an issue or pull request, a review comment on a pull request's code, or a review:
/// the same few fields in event payloads (`comment`, `review`) and the REST `/issues/comments` list.
struct GitHubComment: Decodable, Sendable {
    /// GitHub's numeric id: what makes `comment/<id>` the same from both sources.
    var id: Int64
    var body: String?
    var user: GitHubUser?
    var createdAt: String?
    /// Reviews: when the review was submitted (reviews have no `created_at`).
    var submittedAt: String?
    /// REST `/issues/comments`: `https://api.github.com/repos/O/R/issues/12`.
    var issueURL: String?

    enum CodingKeys: String, CodingKey {
        case id, body, user
        case createdAt = "created_at"
        case submittedAt = "submitted_at"
        case issueURL = "issue_url"
    }
}
