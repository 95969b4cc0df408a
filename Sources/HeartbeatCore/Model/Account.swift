/// A person who may sign in to the dashboard (not a community member): created with
/// `heartbeat users add`. Admins see members' e-mail addresses; viewers see everything else.
public struct Account: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case admin, viewer
    }

    public var id: Int64
    public var name: String
    public var role: Role
    /// The bcrypt hash of the password (`$2b$…`); never the password.
    public var passwordHash: String

    public init(id: Int64, name: String, role: Role, passwordHash: String) {
        self.id = id
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
    }
}

/// An API token's record: what `heartbeat tokens list` shows. The token itself is shown once, at
/// creation, and only its SHA-256 digest is stored.
public struct APITokenInfo: Sendable, Hashable, Codable {
    public var id: Int64
    public var account: String
    public var label: String
    public var createdAt: Timestamp
    public var lastUsedAt: Timestamp?

    public init(id: Int64, account: String, label: String, createdAt: Timestamp, lastUsedAt: Timestamp?) {
        self.id = id
        self.account = account
        self.label = label
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}

/// A signed-in browser session: its CSRF token goes into every form the session is shown.
public struct SessionInfo: Sendable, Hashable {
    public var account: Account
    public var csrfToken: String
    public var expiresAt: Timestamp

    public init(account: Account, csrfToken: String, expiresAt: Timestamp) {
        self.account = account
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}
