import HeartbeatAnalytics

extension ReportScope {
    /// `2026-03-01 to 2026-03-15 (15 days, UTC) · channels: help · segment: mobile`.
    public var subtitle: String {
        var filters: [String] = []
        if !channels.isEmpty { filters.append("channels: " + channels.joined(separator: ", ")) }
        if let platform { filters.append("platform: \(platform)") }
        if let segment { filters.append("segment: \(segment)") }
        return "\(since) to \(until) (\(days) days, UTC)" + (filters.isEmpty ? "" : " · " + filters.joined(separator: " · "))
    }
}

extension ReportDocument.Cell {
    /// A share of a whole, 0 when the whole is 0.
    public static func share(_ part: Int, of whole: Int) -> Self { .percent(whole > 0 ? Double(part) / Double(whole) : 0) }
    /// A member as `Name (@handle)`.
    public static func member(_ name: String, _ handle: String) -> Self { .text(handle.isEmpty || handle == name ? name : "\(name) (@\(handle))") }
    public static func optionalDecimal(_ value: Double?, places: Int = 2) -> Self {
        value.map { .decimal($0, places: places) } ?? Self(display: "–", raw: "")
    }
}
