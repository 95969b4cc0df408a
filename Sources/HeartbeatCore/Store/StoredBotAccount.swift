/// What the store remembers of a bot account from a member list (`StoredMemberList`):
/// enough to classify and attribute messages without the list.
public struct StoredBotAccount: Sendable, Hashable {
    public var externalID: String
    public var isBot: Bool
    /// `Identity.botID`.
    public var botID: String?

    public init(externalID: String, isBot: Bool, botID: String?) {
        self.externalID = externalID
        self.isBot = isBot
        self.botID = botID
    }
}
