/// One commit of a `PushEvent`, reduced to what identity evidence needs.
struct GitHubCommit: Decodable, Sendable {
    var sha: String?
    var author: Author?

    /// The commit's author as written in the commit (not necessarily the pusher).
    struct Author: Decodable, Sendable {
        var email: String?
        var name: String?
    }
}
