import Foundation
import HeartbeatCore
import Logging
import PostgresNIO

/// One PostgreSQL database holding many communities: the connection pool, the schema (migrated on
/// open, once even when several processes start together), and the list of communities. A
/// `PostgresStore` is this database seen through one community.
public final class PostgresDatabase: Sendable {
    let client: PostgresClient
    private let runner: Task<Void, Never>
    /// The URL without its password, for messages.
    public let location: String
    let logger: Logger

    /// Connects to `url` (`postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require]`)
    /// and brings the schema up to date.
    public static func open(url: String) async throws -> PostgresDatabase {
        try await probe(try PostgresURL(url))
        let database = try PostgresDatabase(url: url)
        do {
            try await database.migrate()
        } catch {
            database.close()
            throw StoreError.cannotOpen(database.location, reason: PostgresFailure.describe(error))
        }
        return database
    }

    /// Opens one connection and closes it again, so a server that is down, a wrong password or a
    /// database that does not exist fails at once with the server's own words. The pool retries a
    /// failing connection for a minute before it gives up, with a message that names neither.
    private static func probe(_ url: PostgresURL) async throws {
        var logger = Logger(label: "heartbeat.postgres")
        logger.logLevel = .critical
        do {
            var configuration = PostgresConnection.Configuration(
                host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
                tls: try url.connectionTLS)
            configuration.options.connectTimeout = .seconds(10)
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw StoreError.cannotConnect(url.redacted, database: url.database, reason: PostgresFailure.describe(error))
        }
    }

    private init(url: String) throws {
        let parsed = try PostgresURL(url)
        location = parsed.redacted
        var configuration = PostgresClient.Configuration(
            host: parsed.host, port: parsed.port, username: parsed.user, password: parsed.password,
            database: parsed.database, tls: parsed.tls)
        configuration.options.maximumConnections = 16
        configuration.options.connectTimeout = .seconds(10)
        var logger = Logger(label: "heartbeat.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
    }

    /// Closes the pool's connections. The database is unusable afterwards.
    public func close() {
        runner.cancel()
    }

    deinit { runner.cancel() }

    // MARK: Migrations

    private func migrate() async throws {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(PostgresMigrations.lockKey))", logger: logger)
            do {
                try await connection.query(
                    """
                    CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)
                    """, logger: logger)
                var applied = Set<String>()
                for try await name in try await connection.query("SELECT name FROM schema_migration", logger: logger)
                    .decode(String.self)
                {
                    applied.insert(name)
                }
                for migration in PostgresMigrations.all where !applied.contains(migration.name) {
                    try await connection.withTransaction(logger: logger) { connection in
                        for statement in migration.statements {
                            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                        }
                        try await connection.query(
                            "INSERT INTO schema_migration (name, applied_at) VALUES (\(migration.name), \(Timestamp.now.microseconds))",
                            logger: logger)
                    }
                }
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(PostgresMigrations.lockKey))", logger: logger)
                throw error
            }
            try await connection.query("SELECT pg_advisory_unlock(\(PostgresMigrations.lockKey))", logger: logger)
        }
    }

    /// Every migration this version knows, in order.
    public static var migrationNames: [String] { PostgresMigrations.all.map(\.name) }

    /// The names of the migrations applied, in order.
    public func appliedMigrations() async throws -> [String] {
        var names: [String] = []
        for try await name in try await client.query("SELECT name FROM schema_migration ORDER BY applied_at, name")
            .decode(String.self)
        {
            names.append(name)
        }
        return names
    }

    // MARK: Communities

    /// Every community in the database, by name.
    public func communities() async throws -> [Community] {
        var found: [Community] = []
        for try await (id, name, created) in try await client.query(
            "SELECT id, name, created_at FROM community ORDER BY lower(name)"
        ).decode((Int64, String, Int64).self) {
            found.append(Community(id: id, name: name, createdAt: Timestamp(microseconds: created)))
        }
        return found
    }

    /// Adds a community; refuses a name that exists (in any letter case).
    @discardableResult
    public func addCommunity(named name: String) async throws -> Community {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard Community.isValidName(trimmed) else { throw StoreError.invalidCommunityName(name) }
        if try await community(named: trimmed) != nil { throw StoreError.communityExists(trimmed) }
        return try await insertCommunity(trimmed)
    }

    /// The community named `name` (any letter case), or `nil`.
    public func community(named name: String) async throws -> Community? {
        for try await (id, stored, created) in try await client.query(
            "SELECT id, name, created_at FROM community WHERE lower(name) = lower(\(name))"
        ).decode((Int64, String, Int64).self) {
            return Community(id: id, name: stored, createdAt: Timestamp(microseconds: created))
        }
        return nil
    }

    private func insertCommunity(_ name: String) async throws -> Community {
        let now = Timestamp.now.microseconds
        return try await client.withTransaction(logger: logger) { connection in
            var inserted: Int64?
            for try await id in try await connection.query(
                """
                INSERT INTO community (name, created_at) VALUES (\(name), \(now))
                ON CONFLICT ((lower(name))) DO NOTHING RETURNING id
                """, logger: logger
            ).decode(Int64.self) {
                inserted = id
            }
            guard let id = inserted else { throw StoreError.communityExists(name) }
            try await connection.query(
                "INSERT INTO store_generation (community_id, value) VALUES (\(id), 0)", logger: logger)
            return Community(id: id, name: name, createdAt: Timestamp(microseconds: now))
        }
    }

    /// The store for one community. `create`: add the community when it does not exist (the
    /// default community on a first import); otherwise an unknown name is an error listing the known ones.
    public func store(community name: String, create: Bool = false) async throws -> PostgresStore {
        if let found = try await community(named: name) { return PostgresStore(database: self, community: found) }
        if create {
            do {
                return PostgresStore(database: self, community: try await insertCommunity(name))
            } catch let error as StoreError where error.isCommunityExists {
                // Created by another process in between.
                if let found = try await community(named: name) { return PostgresStore(database: self, community: found) }
                throw error
            }
        }
        throw StoreError.unknownCommunity(name, known: try await communities().map(\.name))
    }
}
