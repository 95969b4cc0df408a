import GRDB
import HeartbeatCore

extension SQLiteStore: AccountStore {
    public func addAccount(name: String, role: Account.Role, passwordHash: String) async throws -> Account {
        try await writer.write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM account WHERE name = ?", arguments: [name]) != nil {
                throw StoreError.accountExists(name)
            }
            try db.execute(
                sql: "INSERT INTO account (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [name, role.rawValue, passwordHash, Timestamp.now.microseconds])
            return Account(id: db.lastInsertedRowID, name: name, role: role, passwordHash: passwordHash)
        }
    }

    public func account(named name: String) async throws -> Account? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, role, password_hash FROM account WHERE name = ?", arguments: [name])
                .flatMap(Self.account)
        }
    }

    public func accounts() async throws -> [Account] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, role, password_hash FROM account ORDER BY name").compactMap(Self.account)
        }
    }

    public func setPassword(account name: String, passwordHash: String) async throws {
        try await writer.write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE name = ?", arguments: [name]) else {
                throw StoreError.unknownAccount(name)
            }
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [passwordHash, id])
            try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [id])
        }
    }

    public func removeAccount(named name: String) async throws -> Bool {
        try await writer.write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE name = ?", arguments: [name]) else {
                return false
            }
            try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM api_token WHERE account_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM account WHERE id = ?", arguments: [id])
            return true
        }
    }

    public func createSession(accountID: Int64, digest: String, csrfToken: String, expiresAt: Timestamp) async throws {
        try await writer.write { db in
            // Sign-ins also sweep expired sessions, so the table does not grow without bound.
            try db.execute(sql: "DELETE FROM session WHERE expires_at < ?", arguments: [Timestamp.now.microseconds])
            try db.execute(
                sql: "INSERT INTO session (digest, account_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [digest, accountID, csrfToken, expiresAt.microseconds])
        }
    }

    public func session(digest: String, now: Timestamp) async throws -> SessionInfo? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT a.id, a.name, a.role, a.password_hash, s.csrf_token, s.expires_at
                        FROM session s JOIN account a ON a.id = s.account_id
                        WHERE s.digest = ? AND s.expires_at > ?
                        """, arguments: [digest, now.microseconds]),
                let account = Self.account(row)
            else { return nil }
            return SessionInfo(account: account, csrfToken: row[4], expiresAt: Timestamp(microseconds: row[5]))
        }
    }

    public func deleteSession(digest: String) async throws {
        try await writer.write { db in try db.execute(sql: "DELETE FROM session WHERE digest = ?", arguments: [digest]) }
    }

    public func createToken(accountID: Int64, label: String, digest: String, createdAt: Timestamp) async throws -> APITokenInfo {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO api_token (account_id, label, digest, created_at) VALUES (?, ?, ?, ?)",
                arguments: [accountID, label, digest, createdAt.microseconds])
            let id = db.lastInsertedRowID
            let name = try String.fetchOne(db, sql: "SELECT name FROM account WHERE id = ?", arguments: [accountID]) ?? ""
            return APITokenInfo(id: id, account: name, label: label, createdAt: createdAt, lastUsedAt: nil)
        }
    }

    public func account(forTokenDigest digest: String, now: Timestamp) async throws -> Account? {
        let found = try await writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT a.id, a.name, a.role, a.password_hash, t.id, t.last_used_at
                    FROM api_token t JOIN account a ON a.id = t.account_id WHERE t.digest = ?
                    """, arguments: [digest])
        }
        guard let row = found else { return nil }
        // Record the use at most once a minute: a busy script must not turn its reads into writes
        // that queue behind an import.
        let lastUsed: Int64? = row[5]
        if (lastUsed ?? 0) < now.microseconds - 60_000_000 {
            let id: Int64 = row[4]
            try await writer.write { db in
                try db.execute(sql: "UPDATE api_token SET last_used_at = ? WHERE id = ?", arguments: [now.microseconds, id])
            }
        }
        return Self.account(row)
    }

    public func tokens() async throws -> [APITokenInfo] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT t.id, a.name, t.label, t.created_at, t.last_used_at
                    FROM api_token t JOIN account a ON a.id = t.account_id ORDER BY t.id
                    """
            ).map { row in
                APITokenInfo(
                    id: row[0], account: row[1], label: row[2], createdAt: Timestamp(microseconds: row[3]),
                    lastUsedAt: (row[4] as Int64?).map(Timestamp.init(microseconds:)))
            }
        }
    }

    public func revokeToken(id: Int64) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM api_token WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// A number that grows with every import: cached reports older than it are stale.
    public func generation() async throws -> Int64 {
        try await writer.read { db in try Int64.fetchOne(db, sql: "SELECT value FROM store_generation") ?? 0 }
    }

    /// Members' e-mail addresses from their platform profiles (the first known per member).
    public func emails(ofMembers ids: [Int64]) async throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        return try await writer.read { db in
            var emails: [Int64: String] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
                let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
                for row in try Row.fetchAll(
                    db,
                    sql: "SELECT member_id, email FROM identity WHERE email IS NOT NULL AND email <> '' AND member_id IN (\(marks)) ORDER BY id",
                    arguments: StatementArguments(part))
                where emails[row[0]] == nil {
                    emails[row[0]] = row[1]
                }
            }
            return emails
        }
    }

    private static func account(_ row: Row) -> Account? {
        guard let role = Account.Role(rawValue: row[2]) else { return nil }
        return Account(id: row[0], name: row[1], role: role, passwordHash: row[3])
    }
}

extension SQLiteStore {
    /// The names of all channels, for pickers.
    public func spaceNames() async throws -> [String] {
        try await writer.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT name FROM space ORDER BY name") }
    }
}
