/// One account on one platform, as the export describes it. A person (member) may later own
/// several identities; the foundation gives each identity its own member.
public struct Identity: Sendable, Hashable, Codable {
    /// The platform's account id (Slack `U…`, or `B…` for an integration known only by `bot_id`).
    public var externalID: String
    /// Handle (`name` in Slack's users.json).
    public var handle: String
    /// The name to show: display name, else real name, else handle.
    public var displayName: String
    public var realName: String?
    /// Personal data: stored, shown only in `members`, never logged.
    public var email: String?
    public var title: String?
    /// IANA time zone name (`Europe/Berlin`).
    public var timeZone: String?
    public var isBot: Bool
    public var isDeleted: Bool
    public var isAdmin: Bool
    /// The GitHub login this account is, or names in its profile (a Slack profile field or title with
    /// `github.com/<login>`): evidence for identity resolution. Lowercased.
    public var githubLogin: String?
    /// Further addresses seen for this account (GitHub: commit author e-mails of its pushes):
    /// evidence for identity resolution, never shown. Lowercased.
    public var otherEmails: [String]
    /// The id of the integration behind a bot account (Slack's `profile.bot_id`): messages that
    /// name only that id are this account's. Kept so a later import whose member list is
    /// unchanged can attribute them without reading the list again.
    public var botID: String?

    public init(
        externalID: String, handle: String, displayName: String, realName: String? = nil, email: String? = nil,
        title: String? = nil, timeZone: String? = nil, isBot: Bool = false, isDeleted: Bool = false,
        isAdmin: Bool = false, githubLogin: String? = nil, otherEmails: [String] = [], botID: String? = nil
    ) {
        self.externalID = externalID
        self.handle = handle
        self.displayName = displayName
        self.realName = realName
        self.email = email
        self.title = title
        self.timeZone = timeZone
        self.isBot = isBot
        self.isDeleted = isDeleted
        self.isAdmin = isAdmin
        self.githubLogin = githubLogin?.lowercased()
        self.otherEmails = otherEmails.map { $0.lowercased() }
        self.botID = botID
    }
}
