/// The fields every GH Archive event has, decoded first on every line so that events of
/// repositories not kept cost no payload decoding.
struct GitHubEventHeader: Decodable, Sendable {
    /// GH Archive's event id (a decimal string): what makes `event/<id>` stable.
    var id: String
    var type: String
    var actor: GitHubUser
    var repo: Repository
    var createdAt: String

    struct Repository: Decodable, Sendable {
        /// `owner/name`.
        var name: String
    }

    enum CodingKeys: String, CodingKey {
        case id, type, actor, repo
        case createdAt = "created_at"
    }
}
