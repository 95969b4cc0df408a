import HeartbeatCore

/// Everything a front end (the CLI, the dashboard) asks of a store, whichever database holds it:
/// `SQLiteStore` (one community in one file) or `PostgresStore` (one community of a shared server).
public protocol StoreBackend: CommunityStore, AccountStore, ContributorStore, ContentStore, EventStore, IdentityStore {
    /// A number that grows with every change: cached reports older than it are stale.
    func generation() async throws -> Int64
    /// Members' e-mail addresses from their platform profiles (the first known per member).
    func emails(ofMembers ids: [Int64]) async throws -> [Int64: String]
    /// The names of all channels, for pickers.
    func spaceNames() async throws -> [String]
    /// Whether the store holds any activity.
    func hasActivity() async throws -> Bool
    /// Where the data lives, for messages: a file path, or a URL without its password and the community.
    var location: String { get }
    /// Moves what the last commits left in a write-ahead log into the store's own file now, which
    /// closing the store would otherwise do: a command that goes on to read (the counts after an
    /// import) can do both at once. Nothing to do for a server.
    func checkpoint() async throws
}

extension SQLiteStore: StoreBackend {
    public var location: String { path }
}

extension PostgresStore: StoreBackend {
    public var location: String { "\(database.location) (community \(community.name))" }
    public func checkpoint() async throws {}
}

/// Opens the store a `--db` value names: a `postgres://` URL, or a SQLite file path.
public enum StoreOpener {
    /// `community`: which community of a PostgreSQL database (default: `default`, created on first
    /// use when `create` is set). A SQLite file holds one community; naming another is an error.
    public static func open(_ location: String, community: String?, create: Bool = false) async throws -> any StoreBackend {
        if PostgresURL.isPostgres(location) {
            let database = try await PostgresDatabase.open(url: location)
            let name = community ?? Community.defaultName
            return try await database.store(community: name, create: create || name == Community.defaultName)
        }
        if let community, community.lowercased() != Community.defaultName {
            throw StoreError.oneCommunityPerFile(location, asked: community)
        }
        return try SQLiteStore(path: location)
    }

    /// Whether `location` names a PostgreSQL database.
    public static func isPostgres(_ location: String) -> Bool { PostgresURL.isPostgres(location) }
}
