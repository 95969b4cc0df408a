import HeartbeatCore

/// What a page-view import read, kept and skipped, with the first malformed lines by number.
public struct PageViewImportSummary: Sendable, Hashable, Codable, MalformedRows {
    public var files = 0
    public var lines = 0
    /// Requests that are a person reading a page.
    public var pageViews = 0
    public var bots = 0
    public var assets = 0
    /// Other methods than GET, errors and redirects.
    public var otherRequests = 0
    public var malformed = 0
    /// `file:line: reason` for the first 20 malformed lines.
    public var malformedExamples: [String] = []
    /// Of the page views: newly stored, and already stored by an earlier import.
    public var written = PageViewWriteCounts()

    public init() {}
}
