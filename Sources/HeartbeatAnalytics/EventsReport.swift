import HeartbeatCore

/// `report events`: live events over a period. Definitions live on ``EventAnalytics``.
public struct EventsReport: Codable, Sendable, Hashable {
    public struct Summary: Codable, Sendable, Hashable {
        public var events: Int
        public var registered: Int
        public var attended: Int
        /// attended ÷ registered; nil without registrations.
        public var attendanceRate: Double?
        /// Distinct people who attended an event in the period.
        public var distinctAttendees: Int
        /// Of those, people who attended two or more events in the period.
        public var repeatAttendees: Int
        public var responses: Int
        public var nps: Double?
        public var averageRating: Double?
        /// Attendees matched to a community member by e-mail.
        public var matchedMembers: Int
        /// Matched attendees with no post before their event.
        public var notYetActive: Int
        /// Of those, posted within `follow_up_days` after the event.
        public var becameActive: Int
        /// Members whose first post ever followed an event they attended, attributed to the
        /// latest such event.
        public var firstTimePosters: Int
    }

    public struct Event: Codable, Sendable, Hashable {
        public var id: Int64
        public var title: String
        public var startsAt: Timestamp
        public var host: String?
        public var tags: [String]
        public var registered: Int
        public var attended: Int
        public var attendanceRate: Double?
        /// Attendees who had attended an earlier event.
        public var repeatAttendees: Int
        public var averageMinutes: Double?
        public var responses: Int
        public var promoters: Int
        public var passives: Int
        public var detractors: Int
        /// (promoters − detractors) ÷ scored responses × 100; nil without scores.
        public var nps: Double?
        public var ratings: Int
        public var averageRating: Double?
        /// The most frequent words and phrases of the comments.
        public var commentTerms: [String]
        public var matchedMembers: Int
        public var notYetActive: Int
        public var becameActive: Int
        public var firstTimePosters: Int
    }

    public struct Attendee: Codable, Sendable, Hashable {
        public var event: String
        public var name: String
        public var memberID: Int64
        public var handle: String
        /// `posted before`, `first post N days after`, `posted again`, `not active`.
        public var status: String
        public var firstPostAfter: Timestamp?
    }

    public var scope: ReportScope
    public var followUpDays: Int
    public var summary: Summary
    public var events: [Event]
    /// Matched attendees of the period's events, what they did after.
    public var members: [Attendee]
}
