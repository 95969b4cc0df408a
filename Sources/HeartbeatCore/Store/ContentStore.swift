/// Where page views and the content catalog live, beside the community data. Page views arrive
/// by the million from logs, so they are written through a sink inside one transaction (an import
/// is all or nothing) and read back in one compact ``PageViewLog``.
public protocol ContentStore: Sendable {
    /// The secret that ``VisitorID`` hashes with, created on first use and kept in the store.
    func visitorSalt() async throws -> [UInt8]
    /// Runs `produce` inside one write transaction; every view it hands the sink is stored unless
    /// its source and line are already there. If `produce` throws, nothing is stored.
    func recordPageViews<Result: Sendable>(
        _ produce: @escaping @Sendable (any PageViewSink) throws -> Result
    ) async throws -> (result: Result, written: PageViewWriteCounts)
    func pageViewLog() async throws -> PageViewLog
    /// First and last page view, nil when there is none.
    func pageViewRange() async throws -> ClosedRange<Timestamp>?

    /// Adds or updates catalog items by path in one transaction.
    func saveContentItems(_ items: [ContentItem]) async throws -> UpsertCounts
    /// Every catalog item, by path.
    func contentItems() async throws -> [ContentItem]
    /// Every e-mail address known for a member (lower-cased), for matching readers and attendees.
    func memberIDsByEmail() async throws -> [String: Int64]
}

/// Receives page views during ``ContentStore/recordPageViews(_:)``.
public protocol PageViewSink: AnyObject {
    func add(_ view: PageView) throws
}

/// What a page-view write did: `added` new views, `alreadyStored` skipped as seen before.
public struct PageViewWriteCounts: Sendable, Hashable, Codable {
    public var added = 0
    public var alreadyStored = 0
    public init(added: Int = 0, alreadyStored: Int = 0) {
        self.added = added
        self.alreadyStored = alreadyStored
    }
}

/// What a keyed save did: rows new, changed, and identical to what was stored.
public struct UpsertCounts: Sendable, Hashable, Codable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public init(added: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
    }
}
