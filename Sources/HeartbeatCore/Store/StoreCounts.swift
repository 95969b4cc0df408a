/// Row counts per table: what `heartbeat ingest` prints at the end, and what the idempotency
/// check compares (the same export twice must give the same counts).
public struct StoreCounts: Sendable, Hashable, Codable {
    public var workspaces: Int
    public var members: Int
    public var identities: Int
    public var spaces: Int
    public var activities: Int
    public var reactions: Int
    public var mentions: Int
    public var sourceFiles: Int

    public init(
        workspaces: Int, members: Int, identities: Int, spaces: Int, activities: Int, reactions: Int, mentions: Int,
        sourceFiles: Int
    ) {
        self.workspaces = workspaces
        self.members = members
        self.identities = identities
        self.spaces = spaces
        self.activities = activities
        self.reactions = reactions
        self.mentions = mentions
        self.sourceFiles = sourceFiles
    }
}
