/// Where dashboard accounts, sessions and API tokens live: beside the community data, in the same
/// database, so one file (or one server) is all a team backs up. Session ids and tokens are passed
/// in as SHA-256 digests; the store never sees the secrets themselves.
public protocol AccountStore: Sendable {
    /// Adds an account; fails with a clear error when the name is taken.
    func addAccount(name: String, role: Account.Role, passwordHash: String) async throws -> Account
    func account(named name: String) async throws -> Account?
    func accounts() async throws -> [Account]
    /// Changes a password (and ends that account's sessions).
    func setPassword(account: String, passwordHash: String) async throws
    /// Removes an account with its sessions and tokens; false when there was none.
    func removeAccount(named name: String) async throws -> Bool

    func createSession(accountID: Int64, digest: String, csrfToken: String, expiresAt: Timestamp) async throws
    /// The live session with this digest (expired ones are not returned).
    func session(digest: String, now: Timestamp) async throws -> SessionInfo?
    func deleteSession(digest: String) async throws

    func createToken(accountID: Int64, label: String, digest: String, createdAt: Timestamp) async throws -> APITokenInfo
    /// The account owning the token with this digest; records the use.
    func account(forTokenDigest digest: String, now: Timestamp) async throws -> Account?
    func tokens() async throws -> [APITokenInfo]
    /// Revokes a token by id; false when there was none.
    func revokeToken(id: Int64) async throws -> Bool
}
