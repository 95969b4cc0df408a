import HeartbeatCore
import PostgresNIO

/// Dashboard accounts, sessions and API tokens are reference tables shared by every community of
/// the database (a person signs in once and sees the communities granted to them), so the
/// statements here name no community. Names are unique whatever their letter case (the
/// `lower(name)` index), as `COLLATE NOCASE` makes them in the SQLite store.
extension PostgresStore: AccountStore {
    public func addAccount(name: String, role: Account.Role, passwordHash: String) async throws -> Account {
        try await read { connection in
            // One statement: two processes adding the same name at once cannot both succeed.
            let rows = try await connection.rows(
                """
                INSERT INTO account (name, role, password_hash, created_at)
                VALUES (\(name), \(role.rawValue), \(passwordHash), \(Timestamp.now.microseconds))
                ON CONFLICT ((lower(name))) DO NOTHING RETURNING id
                """, logger: logger)
            guard let row = rows.first else { throw StoreError.accountExists(name) }
            return Account(id: try row.decode(Int64.self), name: name, role: role, passwordHash: passwordHash)
        }
    }

    public func account(named name: String) async throws -> Account? {
        try await read { connection in
            try await connection.rows(
                "SELECT id, name, role, password_hash FROM account WHERE lower(name) = lower(\(name))", logger: logger
            ).first.flatMap(Self.account)
        }
    }

    public func accounts() async throws -> [Account] {
        try await read { connection in
            // SQLite's `ORDER BY name` on a NOCASE column: case-insensitive, then byte order.
            try await connection.rows(
                #"SELECT id, name, role, password_hash FROM account ORDER BY lower(name) COLLATE "C""#, logger: logger
            ).compactMap(Self.account)
        }
    }

    public func setPassword(account name: String, passwordHash: String) async throws {
        try await write { connection in
            let rows = try await connection.rows(
                "UPDATE account SET password_hash = \(passwordHash) WHERE lower(name) = lower(\(name)) RETURNING id",
                logger: logger)
            guard let row = rows.first else { throw StoreError.unknownAccount(name) }
            // A new password signs the account out everywhere.
            try await connection.execute(
                "DELETE FROM session WHERE account_id = \(try row.decode(Int64.self))", logger: logger)
        }
    }

    public func removeAccount(named name: String) async throws -> Bool {
        try await read { connection in
            // Sessions, tokens and community grants go with it (ON DELETE CASCADE).
            try await connection.execute("DELETE FROM account WHERE lower(name) = lower(\(name))", logger: logger) > 0
        }
    }

    public func createSession(accountID: Int64, digest: String, csrfToken: String, expiresAt: Timestamp) async throws {
        try await write { connection in
            // Sign-ins also sweep expired sessions, so the table does not grow without bound.
            try await connection.execute(
                "DELETE FROM session WHERE expires_at < \(Timestamp.now.microseconds)", logger: logger)
            try await connection.execute(
                """
                INSERT INTO session (digest, account_id, csrf_token, expires_at)
                VALUES (\(digest), \(accountID), \(csrfToken), \(expiresAt.microseconds))
                """, logger: logger)
        }
    }

    public func session(digest: String, now: Timestamp) async throws -> SessionInfo? {
        try await read { connection in
            guard
                let row = try await connection.rows(
                    """
                    SELECT a.id, a.name, a.role, a.password_hash, s.csrf_token, s.expires_at
                    FROM session s JOIN account a ON a.id = s.account_id
                    WHERE s.digest = \(digest) AND s.expires_at > \(now.microseconds)
                    """, logger: logger
                ).first,
                let account = Self.account(row)
            else { return nil }
            let (_, _, _, _, csrfToken, expiresAt) = try row.decode((Int64, String, String, String, String, Int64).self)
            return SessionInfo(account: account, csrfToken: csrfToken, expiresAt: Timestamp(microseconds: expiresAt))
        }
    }

    public func deleteSession(digest: String) async throws {
        _ = try await read { connection in
            try await connection.execute("DELETE FROM session WHERE digest = \(digest)", logger: logger)
        }
    }

    public func createToken(accountID: Int64, label: String, digest: String, createdAt: Timestamp) async throws -> APITokenInfo {
        try await read { connection in
            // The insert and the owner's name in one round trip (and one statement, so atomic).
            let rows = try await connection.rows(
                """
                WITH t AS (
                    INSERT INTO api_token (account_id, label, digest, created_at)
                    VALUES (\(accountID), \(label), \(digest), \(createdAt.microseconds))
                    RETURNING id, account_id
                )
                SELECT t.id, coalesce(a.name, '') FROM t LEFT JOIN account a ON a.id = t.account_id
                """, logger: logger)
            guard let row = rows.first else {
                throw StoreError.database(database.location, "the new API token was not stored")
            }
            let (id, name) = try row.decode((Int64, String).self)
            return APITokenInfo(id: id, account: name, label: label, createdAt: createdAt, lastUsedAt: nil)
        }
    }

    public func account(forTokenDigest digest: String, now: Timestamp) async throws -> Account? {
        let found = try await read { connection in
            try await connection.rows(
                """
                SELECT a.id, a.name, a.role, a.password_hash, t.id, t.last_used_at
                FROM api_token t JOIN account a ON a.id = t.account_id WHERE t.digest = \(digest)
                """, logger: logger
            ).first
        }
        guard let row = found else { return nil }
        let (_, _, _, _, tokenID, lastUsed) = try row.decode((Int64, String, String, String, Int64, Int64?).self)
        // Record the use at most once a minute: a busy script must not turn each of its reads
        // into a write.
        if (lastUsed ?? 0) < now.microseconds - 60_000_000 {
            _ = try await read { connection in
                try await connection.execute(
                    "UPDATE api_token SET last_used_at = \(now.microseconds) WHERE id = \(tokenID)", logger: logger)
            }
        }
        return Self.account(row)
    }

    public func tokens() async throws -> [APITokenInfo] {
        try await read { connection in
            try await connection.rows(
                """
                SELECT t.id, a.name, t.label, t.created_at, t.last_used_at
                FROM api_token t JOIN account a ON a.id = t.account_id ORDER BY t.id
                """, logger: logger
            ).map { row in
                let (id, account, label, created, lastUsed) = try row.decode((Int64, String, String, Int64, Int64?).self)
                return APITokenInfo(
                    id: id, account: account, label: label, createdAt: Timestamp(microseconds: created),
                    lastUsedAt: lastUsed.map(Timestamp.init(microseconds:)))
            }
        }
    }

    public func revokeToken(id: Int64) async throws -> Bool {
        try await read { connection in
            try await connection.execute("DELETE FROM api_token WHERE id = \(id)", logger: logger) > 0
        }
    }

    /// A number that grows with every change to this community: cached reports older than it are stale.
    public func generation() async throws -> Int64 {
        try await read { connection in
            try await connection.rows(
                "SELECT value FROM store_generation WHERE community_id = \(communityID)", logger: logger
            ).first?.decode(Int64.self) ?? 0
        }
    }

    /// Members' e-mail addresses from their platform profiles (the first known per member, by
    /// identity id, as in the SQLite store).
    public func emails(ofMembers ids: [Int64]) async throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        return try await read { connection in
            var emails: [Int64: String] = [:]
            for row in try await connection.rows(
                """
                SELECT DISTINCT ON (member_id) member_id, email FROM identity
                WHERE community_id = \(communityID) AND email IS NOT NULL AND email <> '' AND member_id = ANY(\(ids))
                ORDER BY member_id, id
                """, logger: logger)
            {
                let (member, email) = try row.decode((Int64, String).self)
                emails[member] = email
            }
            return emails
        }
    }

    /// Lets a viewer account see `community` on the dashboard (admins see every community). Granting
    /// twice is harmless; an unknown account is an error.
    public func grantCommunity(account: String, community: Community) async throws {
        try await database.grantCommunity(account: account, community: community)
    }

    /// Takes back `grantCommunity`; false when the account had no such grant.
    public func revokeCommunity(account: String, community: Community) async throws -> Bool {
        try await database.revokeCommunity(account: account, community: community)
    }

    /// `nil` for a role this version does not know (a newer version's account): such an account
    /// cannot sign in, as in the SQLite store.
    private static func account(_ row: PostgresRow) -> Account? {
        guard let (id, name, roleName, passwordHash) = try? row.decode((Int64, String, String, String).self),
            let role = Account.Role(rawValue: roleName)
        else { return nil }
        return Account(id: id, name: name, role: role, passwordHash: passwordHash)
    }
}

extension PostgresStore {
    /// The names of this community's channels, for pickers (byte order, as SQLite sorts them).
    public func spaceNames() async throws -> [String] {
        try await read { connection in
            try await connection.rows(
                #"SELECT DISTINCT name COLLATE "C" FROM space WHERE community_id = \#(communityID) ORDER BY 1"#,
                logger: logger
            ).map { try $0.decode(String.self) }
        }
    }
}
