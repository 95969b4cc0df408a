import Foundation

/// A live event the community runs (a meetup, a webinar, a workshop): what attendance and
/// feedback are matched to.
public struct CommunityEvent: Sendable, Hashable, Codable {
    public var id: Int64
    public var title: String
    /// When it starts (UTC); "posted within 30 days after the event" counts from here.
    public var startsAt: Timestamp
    public var host: String?
    /// Lower-cased.
    public var tags: [String]

    public init(id: Int64, title: String, startsAt: Timestamp, host: String? = nil, tags: [String] = []) {
        self.id = id
        self.title = title
        self.startsAt = startsAt
        self.host = host
        self.tags = tags
    }
}

/// An event to add: the same fields without the id the store gives it.
public struct NewEvent: Sendable, Hashable {
    public var title: String
    public var startsAt: Timestamp
    public var host: String?
    public var tags: [String]

    public init(title: String, startsAt: Timestamp, host: String? = nil, tags: [String] = []) {
        self.title = title
        self.startsAt = startsAt
        self.host = host
        self.tags = tags
    }

    /// Trimmed title and host, tags lower-cased without duplicates; an empty title is refused.
    public func validated() throws(EventError) -> NewEvent {
        var copy = self
        copy.title = title.trimmingCharacters(in: .whitespaces)
        guard !copy.title.isEmpty else { throw EventError.invalidInput("an event needs a title.") }
        copy.host = host?.trimmingCharacters(in: .whitespaces)
        if copy.host?.isEmpty == true { copy.host = nil }
        copy.tags = Submission.normalizedTags(tags)
        return copy
    }
}
