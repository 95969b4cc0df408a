/// A page of the content catalog (a tutorial, a post): what a path means, who wrote it, when it
/// was published and its tags, so views can be counted per item, per tag and per author.
public struct ContentItem: Sendable, Hashable, Codable {
    /// The catalog key, normalised with ``ContentPath/normalize(_:)``.
    public var path: String
    public var title: String
    /// The author as written in the catalog or feed.
    public var author: String?
    /// The community member the author is, when the name, handle or e-mail matched one.
    public var authorMemberID: Int64?
    public var publishedAt: Timestamp?
    /// Lower-cased (`mobile`, `web`).
    public var tags: [String]
    public var url: String?

    public init(
        path: String, title: String, author: String? = nil, authorMemberID: Int64? = nil, publishedAt: Timestamp? = nil,
        tags: [String] = [], url: String? = nil
    ) {
        self.path = path
        self.title = title
        self.author = author
        self.authorMemberID = authorMemberID
        self.publishedAt = publishedAt
        self.tags = tags
        self.url = url
    }
}
