import HeartbeatCore

/// The start of a thread on GitHub (an issue or pull request being opened): what a comment or
/// review needs for its `threadRoot` and `parentAuthorID`.
struct GitHubRoot: Sendable, Hashable {
    var time: Timestamp
    var authorID: String?

    /// The key of issue or pull request `number` in `repository` (issues and pull requests share
    /// one sequence of numbers per repository, so the number alone names the thread).
    static func key(repository: String, number: Int) -> String { repository + "#" + String(number) }
}
