/// What the community talks about (definitions in `Topics`).
public struct TopicsReport: Codable, Sendable, Hashable {
    public var scope: ReportScope
    /// Persons' posts in the period and in the previous period of the same length.
    public var posts: Int
    public var previousPosts: Int
    public var previousPeriod: String
    public var topTerms: [TopicTerm]
    public var rising: [TopicTrend]
    public var falling: [TopicTrend]
    public var channels: [ChannelTopics]
    public var questionsByTopic: [QuestionTopic]
}

public struct TopicTerm: Codable, Sendable, Hashable {
    public var term: String
    /// TF-IDF.
    public var score: Double
    public var occurrences: Int
    /// Posts containing the term.
    public var posts: Int
    /// A two-word phrase rather than a word.
    public var isPhrase: Bool
}

public struct TopicTrend: Codable, Sendable, Hashable {
    public var term: String
    public var postsNow: Int
    public var postsBefore: Int
    public var shareNow: Double
    public var shareBefore: Double
    /// (shareNow − shareBefore) × 100.
    public var changePoints: Double
}

public struct ChannelTopics: Codable, Sendable, Hashable {
    public var channel: String
    /// Highest-scoring first.
    public var terms: [String]
}

public struct QuestionTopic: Codable, Sendable, Hashable {
    public var topic: String
    public var questions: Int
    public var unanswered: Int
}
