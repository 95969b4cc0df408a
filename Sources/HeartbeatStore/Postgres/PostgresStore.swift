import Foundation
import HeartbeatCore
import Logging
import NIOCore
import PostgresNIO

/// The PostgreSQL store: one community of a shared database (`PostgresDatabase`), behind the same
/// protocols as `SQLiteStore`. Every statement names the community (`community_id = …`), so no
/// query can see another community's rows; ids are unique across the whole database.
public final class PostgresStore: Sendable {
    public let database: PostgresDatabase
    public let community: Community

    init(database: PostgresDatabase, community: Community) {
        self.database = database
        self.community = community
    }

    var communityID: Int64 { community.id }
    var logger: Logger { database.logger }
    var client: PostgresClient { database.client }

    /// Runs `body` on one connection, without a transaction (single statements are atomic).
    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch let error where PostgresFailure.isDatabaseError(error) {
            // The server's or the driver's error, told as the store's; the importer's own errors
            // (a malformed file) pass through unchanged.
            throw StoreError.database(database.location, PostgresFailure.describe(error))
        }
    }

    /// Runs `body` in one transaction: all of it is stored, or none. Errors thrown by `body` that
    /// are `StoreError`s (unknown account, …) come out unchanged.
    func write<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await read { connection in
            try await connection.execute("BEGIN", logger: logger)
            do {
                let value = try await body(connection)
                try await connection.execute("COMMIT", logger: logger)
                return value
            } catch {
                _ = try? await connection.execute("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// Bumps the community's change counter (dashboard caches compare it).
    func bumpGeneration(_ connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE store_generation SET value = value + 1 WHERE community_id = \(communityID)", logger: logger)
    }
}

extension PostgresConnection {
    /// Runs a statement and returns its rows (all of them, for small results).
    @discardableResult
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        let result: EventLoopFuture<PostgresQueryResult> = self.query(query, logger: logger)
        return try await result.get().rows
    }

    /// Runs a statement and returns how many rows it inserted, updated or deleted.
    @discardableResult
    func execute(_ query: PostgresQuery, logger: Logger) async throws -> Int {
        let result: EventLoopFuture<PostgresQueryResult> = self.query(query, logger: logger)
        return try await result.get().metadata.rows ?? 0
    }
}
