/// What the store holds of a workspace's member list (`IngestTransaction.storedMemberList`): read
/// in one pass over its accounts.
public struct StoredMemberList: Sendable, Hashable {
    /// Accounts from a member list (not placeholders).
    public var accountCount: Int
    /// Those of them that are bots or carry an integration id.
    public var bots: [StoredBotAccount]

    public init(accountCount: Int, bots: [StoredBotAccount]) {
        self.accountCount = accountCount
        self.bots = bots
    }
}
