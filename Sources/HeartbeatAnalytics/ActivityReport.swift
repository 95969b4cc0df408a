/// When the community is active (definitions in `ActivityPattern`).
public struct ActivityReport: Codable, Sendable, Hashable {
    public var scope: ReportScope
    public var posts: Int
    /// Persons who posted in the period.
    public var activeMembers: Int
    /// Of those, with a known time zone.
    public var membersWithTimeZone: Int
    public var postsWithoutTimeZone: Int
    public var awakeFrom: Int
    public var awakeUntil: Int
    /// `nil` when nobody posted.
    public var suggestedSlot: EventSlot?
    /// The five best slots.
    public var topSlots: [EventSlot]
    /// Posts by weekday (Mon first) and hour 0–23.
    public var utc: [HeatmapRow]
    public var local: [HeatmapRow]
}

public struct EventSlot: Codable, Sendable, Hashable {
    public var weekday: String
    /// The slot runs from this hour to two hours later (UTC).
    public var startHourUTC: Int
    public var availableMembers: Int
    /// Of the active members.
    public var share: Double
    /// Posts in the two hours (UTC heatmap).
    public var posts: Int
}

public struct HeatmapRow: Codable, Sendable, Hashable {
    public var weekday: String
    public var hours: [Int]
}
