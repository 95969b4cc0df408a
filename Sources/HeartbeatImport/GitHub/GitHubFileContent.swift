import HeartbeatCore

/// What one GitHub file gave, before it is written: its activities (some replies still waiting for
/// their thread's start), the repositories and accounts it names, and the threads it opened.
struct GitHubFileContent: Sendable {
    struct Entry: Sendable {
        /// The repository's space external id (`owner/name` lowercased).
        var space: String
        var activity: Activity
        /// For a reply whose thread start was not in its own record (REST comments name only the
        /// issue number): the issue or pull request number to date it by.
        var rootNumber: Int?
    }

    var entries: [Entry] = []
    /// Space external id → the repository's name as GitHub writes it.
    var repositories: [String: String] = [:]
    var identities = GitHubIdentityBook()
    /// Threads started, by `GitHubRoot.key`: lets replies in any file of the run find their root.
    var roots: [String: GitHubRoot] = [:]
    /// Unknown GH Archive event types: how often, and the first line.
    var unknownTypes: [String: (count: Int, line: Int)] = [:]
    /// Events or REST items of repositories not kept.
    var filteredOut = 0
    /// Bytes of text read (after decompression).
    var bytesRead: Int64 = 0

    mutating func add(_ activity: Activity, space: String, rootNumber: Int? = nil) {
        entries.append(Entry(space: space, activity: activity, rootNumber: rootNumber))
    }

    mutating func noteRepository(_ name: String) -> String {
        let id = name.lowercased()
        if repositories[id] == nil { repositories[id] = name }
        return id
    }
}
