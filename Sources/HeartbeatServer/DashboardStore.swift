import HeartbeatCore
import HeartbeatStore

/// What the dashboard needs from a store beyond reports: accounts, the contributor program, the
/// import counter that invalidates cached reports, e-mail addresses (admins only) and channel names.
public protocol DashboardStore: CommunityStore, AccountStore, ContributorStore, ContentStore, EventStore {
    func generation() async throws -> Int64
    func emails(ofMembers ids: [Int64]) async throws -> [Int64: String]
    func spaceNames() async throws -> [String]
}

extension SQLiteStore: DashboardStore {}
