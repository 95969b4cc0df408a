import Foundation
import HeartbeatCore
import HeartbeatStore

/// Which store a parameterised test runs against.
public enum TestStoreKind: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite, postgres
    public var description: String { rawValue }
}

/// The stores the suite runs against: SQLite always; PostgreSQL when `HEARTBEAT_TEST_POSTGRES_URL`
/// names a server (`scripts/test` starts a throw-away one and sets it). In CI (`CI` set) the
/// PostgreSQL cases always run, so a missing server fails them instead of hiding them.
public enum TestStores {
    public static let postgresURL: String? = {
        let url = ProcessInfo.processInfo.environment["HEARTBEAT_TEST_POSTGRES_URL"]
        return url?.isEmpty == false ? url : nil
    }()

    public static let inCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "0" && $0 != "false" } ?? false

    /// The kinds to pass to `@Test(arguments:)`.
    public static let kinds: [TestStoreKind] = postgresURL != nil || inCI ? [.sqlite, .postgres] : [.sqlite]

    /// Why the PostgreSQL cases are not run, or `nil` when they are.
    public static let postgresSkipReason: String? =
        kinds.contains(.postgres)
        ? nil
        : "HEARTBEAT_TEST_POSTGRES_URL is unset: the PostgreSQL cases are skipped (scripts/test starts a server and sets it)"

    /// A new, empty store: an in-memory SQLite database, or a new community of its own in the
    /// PostgreSQL test database (so tests running side by side never see each other's rows).
    public static func make(_ kind: TestStoreKind) async throws -> any StoreBackend {
        switch kind {
        case .sqlite: return try SQLiteStore()
        case .postgres: return try await newCommunity().store
        }
    }

    /// A new, empty store kept where it can be opened again, as the way to open it: each call opens
    /// it afresh, a SQLite file with a new connection, or a new community of the PostgreSQL test
    /// database through a new connection pool. For what must survive closing and opening again.
    public static func opener(_ kind: TestStoreKind) async throws -> @Sendable () async throws -> any StoreBackend {
        switch kind {
        case .sqlite:
            let path = try TemporaryDirectory.make().appendingPathComponent("store.sqlite").path
            return { try SQLiteStore(path: path) }
        case .postgres:
            let name = try await newCommunity().store.community.name
            guard let url = postgresURL else { throw TestStoreError("HEARTBEAT_TEST_POSTGRES_URL is unset") }
            return { try await PostgresDatabase.open(url: url).store(community: name) }
        }
    }

    /// A new community in the shared test database, with the database itself.
    public static func newCommunity(named prefix: String = "test") async throws -> (database: PostgresDatabase, store: PostgresStore) {
        let database = try await sharedDatabase()
        let name = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
        try await database.addCommunity(named: name)
        return (database, try await database.store(community: name))
    }

    /// One connection pool for the whole test process.
    public static func sharedDatabase() async throws -> PostgresDatabase {
        try await Shared.instance.database()
    }

    private actor Shared {
        static let instance = Shared()
        private var opened: PostgresDatabase?

        func database() async throws -> PostgresDatabase {
            if let opened { return opened }
            guard let url = TestStores.postgresURL else {
                throw TestStoreError(
                    "HEARTBEAT_TEST_POSTGRES_URL is unset but CI is set: run the tests with scripts/test, which starts PostgreSQL")
            }
            let database = try await PostgresDatabase.open(url: url)
            opened = database
            return database
        }
    }
}

public struct TestStoreError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
