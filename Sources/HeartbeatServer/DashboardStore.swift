import HeartbeatCore
import HeartbeatStore

/// What the dashboard needs from a store: everything a front end asks (`StoreBackend`), from
/// SQLite or PostgreSQL alike.
public typealias DashboardStore = StoreBackend
