import HTTPTypes
import HeartbeatCore
import HeartbeatStore

/// The communities a dashboard serves, and who may see which. Every page and API call works on
/// one community (`CommunityScope`), through that community's own store, so no request can mix
/// two communities' rows. Accounts, sessions and API tokens are the same for every community.
public protocol DashboardCommunities: Sendable {
    /// Dashboard accounts, sessions and API tokens: one set for all the communities.
    var accounts: any AccountStore { get }
    /// Every community, by name (the public page-view collector chooses among them).
    func allCommunities() async throws -> [Community]
    /// The communities `account` may open, by name: admins see all, viewers those granted to them.
    func communities(visibleTo account: Account) async throws -> [Community]
    /// The store of one community (one of `allCommunities()`), the same instance on every call.
    func store(for community: Community) async throws -> any DashboardStore
}

/// One store, one community named `default` that every account sees: a SQLite file.
public struct SingleCommunity: DashboardCommunities {
    public let store: any DashboardStore
    public let community = Community(id: 0, name: Community.defaultName, createdAt: Timestamp(microseconds: 0))

    public init(store: any DashboardStore) { self.store = store }

    public var accounts: any AccountStore { store }
    public func allCommunities() async throws -> [Community] { [community] }
    public func communities(visibleTo account: Account) async throws -> [Community] { [community] }

    public func store(for community: Community) async throws -> any DashboardStore {
        guard community == self.community else {
            throw DashboardError(.notFound, "There is no community '\(community.name)': this database holds one community, '\(self.community.name)'.")
        }
        return store
    }
}

/// Every community of a PostgreSQL database. Admins see them all; a viewer sees those granted to
/// it (`heartbeat users grant`), checked on every request, so a revoked grant takes effect at once.
public final class PostgresCommunities: DashboardCommunities {
    public let database: PostgresDatabase
    /// Accounts belong to the database, not to a community: any community's store reaches them
    /// (its account statements name no community).
    public let accounts: any AccountStore
    private let stores = StoreCache()

    private init(database: PostgresDatabase, accounts: PostgresStore) {
        self.database = database
        self.accounts = accounts
    }

    /// Serves `database`. A database without any community gets `default` (as the first import
    /// or `heartbeat users add` would create it), so that accounts can sign in.
    public static func open(_ database: PostgresDatabase) async throws -> PostgresCommunities {
        let first = try await database.communities().first
        let store = try await database.store(community: first?.name ?? Community.defaultName, create: first == nil)
        let communities = PostgresCommunities(database: database, accounts: store)
        await communities.stores.keep(store)
        return communities
    }

    public func allCommunities() async throws -> [Community] { try await database.communities() }

    public func communities(visibleTo account: Account) async throws -> [Community] {
        try await database.communities(visibleTo: account)
    }

    public func store(for community: Community) async throws -> any DashboardStore {
        if let cached = await stores.store(id: community.id) { return cached }
        let store = try await database.store(community: community.name)
        // A community is found by name: make sure the name still means the same community.
        guard store.community.id == community.id else {
            throw DashboardError(.notFound, "The community '\(community.name)' changed; reload the page.")
        }
        await stores.keep(store)
        return store
    }

    /// One store per community, made on first use.
    private actor StoreCache {
        private var stores: [Int64: PostgresStore] = [:]
        func store(id: Int64) -> PostgresStore? { stores[id] }
        func keep(_ store: PostgresStore) { stores[store.community.id] = store }
    }
}
