/// The period and filters a report covers.
public struct ReportScope: Codable, Sendable, Hashable {
    /// First day included, `YYYY-MM-DD`.
    public var since: String
    /// Last day included, `YYYY-MM-DD`.
    public var until: String
    public var days: Int
    /// Channel filter as given; empty for all channels.
    public var channels: [String]
    public var platform: String?
    /// `--segment` as given; `nil` for everyone.
    public var segment: String?

    public init(since: String, until: String, days: Int, channels: [String], platform: String?, segment: String? = nil) {
        self.segment = segment
        self.since = since
        self.until = until
        self.days = days
        self.channels = channels
        self.platform = platform
    }
}
