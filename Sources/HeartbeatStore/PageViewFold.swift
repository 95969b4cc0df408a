import HeartbeatCore

/// Builds a `PageViewLog` from stored rows, the same way for both stores: paths and referrers
/// by store id to their place in the log's lists, each visitor to a dense index in the order of
/// its first view, and the views in the order they are added (the stores read them by time,
/// then id).
struct PageViewFold {
    private var pathIndex: [Int64: Int32] = [:]
    private var paths: [String] = []
    private var referrerIndex: [Int64: Int32] = [:]
    private var referrers: [String] = []
    private var visitors: [Int64: Int32] = [:]
    private var views: [PageViewLog.View] = []

    mutating func addPath(id: Int64, path: String) {
        pathIndex[id] = Int32(paths.count)
        paths.append(path)
    }

    mutating func addReferrer(id: Int64, referrer: String) {
        referrerIndex[id] = Int32(referrers.count)
        referrers.append(referrer)
    }

    mutating func reserveViews(_ count: Int) { views.reserveCapacity(count) }

    /// One view; paths and referrers must be added first. No referrer is -1, no member 0.
    mutating func addView(at: Int64, pathID: Int64, visitorID: Int64, referrerID: Int64?, memberID: Int64?) {
        let visitor: Int32
        if let known = visitors[visitorID] {
            visitor = known
        } else {
            visitor = Int32(visitors.count)
            visitors[visitorID] = visitor
        }
        views.append(
            PageViewLog.View(
                at: at, path: pathIndex[pathID] ?? 0, visitor: visitor,
                referrer: referrerID.flatMap { referrerIndex[$0] } ?? -1, member: memberID ?? 0))
    }

    var log: PageViewLog { PageViewLog(paths: paths, referrers: referrers, visitorCount: visitors.count, views: views) }
}
