import HeartbeatCore
import PostgresNIO

/// Which communities a dashboard account may see. Admins see every community; a viewer sees those
/// granted to it (`account_community`), so one server can show several communities to different
/// people. Accounts and grants belong to the database, not to one community.
extension PostgresDatabase {
    /// The communities `account` may open on the dashboard, by name.
    public func communities(visibleTo account: Account) async throws -> [Community] {
        if account.role == .admin { return try await communities() }
        return try await grantsConnection { connection in
            try await connection.rows(
                """
                SELECT c.id, c.name, c.created_at FROM community c
                JOIN account_community g ON g.community_id = c.id
                WHERE g.account_id = \(account.id) ORDER BY lower(c.name)
                """, logger: logger
            ).map { row in
                let (id, name, created) = try row.decode((Int64, String, Int64).self)
                return Community(id: id, name: name, createdAt: Timestamp(microseconds: created))
            }
        }
    }

    /// Every grant, by account and community name, for `heartbeat users` listings.
    public func grants() async throws -> [(account: String, community: String)] {
        try await grantsConnection { connection in
            try await connection.rows(
                """
                SELECT a.name, c.name FROM account_community g
                JOIN account a ON a.id = g.account_id JOIN community c ON c.id = g.community_id
                ORDER BY lower(a.name), lower(c.name)
                """, logger: logger
            ).map { row in
                let (account, community) = try row.decode((String, String).self)
                return (account: account, community: community)
            }
        }
    }

    /// Lets the account named `account` (any letter case) see `community`. Granting twice is
    /// harmless; an unknown account is an error.
    public func grantCommunity(account: String, community: Community) async throws {
        try await grantsConnection { connection in
            // One statement: the account lookup and the insert see the same account row.
            let rows = try await connection.rows(
                """
                WITH a AS (SELECT id FROM account WHERE lower(name) = lower(\(account))),
                    inserted AS (
                        INSERT INTO account_community (account_id, community_id) SELECT id, \(community.id) FROM a
                        ON CONFLICT DO NOTHING
                    )
                SELECT id FROM a
                """, logger: logger)
            if rows.isEmpty { throw StoreError.unknownAccount(account) }
        }
    }

    /// Takes a grant back; false when the account did not have it, an error when there is no such account.
    public func revokeCommunity(account: String, community: Community) async throws -> Bool {
        try await grantsConnection { connection in
            let rows = try await connection.rows(
                """
                WITH a AS (SELECT id FROM account WHERE lower(name) = lower(\(account))),
                    removed AS (
                        DELETE FROM account_community g USING a
                        WHERE g.account_id = a.id AND g.community_id = \(community.id) RETURNING 1
                    )
                SELECT (SELECT count(*) FROM a), (SELECT count(*) FROM removed)
                """, logger: logger)
            guard let row = rows.first else { throw StoreError.unknownAccount(account) }
            let (accounts, removed) = try row.decode((Int64, Int64).self)
            if accounts == 0 { throw StoreError.unknownAccount(account) }
            return removed > 0
        }
    }

    /// Runs `body` on one connection; database failures become `StoreError.database` (as in
    /// `PostgresStore.read`), `StoreError`s come out unchanged.
    private func grantsConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database(location, PostgresFailure.describe(error))
        }
    }
}
