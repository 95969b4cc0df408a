/// One community on one platform: a Slack workspace, a Discord guild, a Telegram chat.
public struct Workspace: Sendable, Hashable, Codable {
    public var platform: Platform
    /// The platform's own id (Slack: the `team_id` most users carry).
    public var externalID: String
    public var name: String

    public init(platform: Platform, externalID: String, name: String) {
        self.platform = platform
        self.externalID = externalID
        self.name = name
    }
}
