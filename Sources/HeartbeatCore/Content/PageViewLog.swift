/// Every stored page view in a compact form for the analytics: paths, referrers and visitors
/// interned as small integers, sorted by time. A million views take about 32 MB.
public struct PageViewLog: Sendable {
    public struct View: Sendable, Hashable {
        /// Microseconds since 1970.
        public var at: Int64
        /// Index into `paths`.
        public var path: Int32
        /// Dense visitor number, 0..<visitorCount.
        public var visitor: Int32
        /// Index into `referrers`, or -1 for none.
        public var referrer: Int32
        /// The member reading, or 0 when unknown.
        public var member: Int64

        public init(at: Int64, path: Int32, visitor: Int32, referrer: Int32, member: Int64) {
            self.at = at
            self.path = path
            self.visitor = visitor
            self.referrer = referrer
            self.member = member
        }
    }

    public var paths: [String]
    public var referrers: [String]
    public var visitorCount: Int
    public var views: [View]

    /// First and last view (views are in time order); nil when there is none.
    public var timeRange: ClosedRange<Timestamp>? {
        guard let first = views.first, let last = views.last else { return nil }
        return Timestamp(microseconds: first.at)...Timestamp(microseconds: last.at)
    }

    public init(paths: [String], referrers: [String], visitorCount: Int, views: [View]) {
        self.paths = paths
        self.referrers = referrers
        self.visitorCount = visitorCount
        self.views = views
    }
}
