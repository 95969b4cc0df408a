/// One stored account as identity resolution sees it: who it belongs to now and the evidence it
/// carries. Personal data (e-mails) stays inside the store's process; only masked forms are shown.
public struct IdentityRecord: Sendable, Hashable, Codable {
    /// The store's identity id (stable across re-imports).
    public var id: Int64
    /// The member (person) this account belongs to now.
    public var memberID: Int64
    public var workspaceID: Int64
    /// The workspace's name, to show (`tiny-export`, `GitHub`).
    public var workspaceName: String
    public var platform: Platform
    public var externalID: String
    public var handle: String
    public var displayName: String
    public var realName: String?
    public var email: String?
    public var githubLogin: String?
    /// Further addresses (commit e-mails): evidence only.
    public var otherEmails: [String]
    public var isBot: Bool
    public var isDeleted: Bool

    public init(
        id: Int64, memberID: Int64, workspaceID: Int64, workspaceName: String, platform: Platform, externalID: String,
        handle: String, displayName: String, realName: String? = nil, email: String? = nil,
        githubLogin: String? = nil, otherEmails: [String] = [], isBot: Bool = false, isDeleted: Bool = false
    ) {
        self.id = id
        self.memberID = memberID
        self.workspaceID = workspaceID
        self.workspaceName = workspaceName
        self.platform = platform
        self.externalID = externalID
        self.handle = handle
        self.displayName = displayName
        self.realName = realName
        self.email = email
        self.githubLogin = githubLogin
        self.otherEmails = otherEmails
        self.isBot = isBot
        self.isDeleted = isDeleted
    }

    /// `slack:alice`, `github:alice-gh`: how the CLI names an account (also accepted by
    /// `identities split`).
    public var label: String { "\(platform.rawValue):\(handle)" }
}
