/// One answer to an event's feedback survey: the 0–10 "would you recommend" score behind NPS,
/// a 1–5 rating, and a comment; any of them may be missing.
public struct EventFeedback: Sendable, Hashable, Codable {
    public var eventID: Int64
    /// What makes a re-import of the same survey add nothing: the respondent's lower-cased
    /// e-mail, or for anonymous answers a hash of the row and its occurrence in the file.
    public var key: String
    public var email: String?
    /// 0–10.
    public var score: Int?
    /// 1–5.
    public var rating: Int?
    public var comment: String?

    public init(eventID: Int64, key: String, email: String? = nil, score: Int? = nil, rating: Int? = nil, comment: String? = nil) {
        self.eventID = eventID
        self.key = key
        self.email = email
        self.score = score
        self.rating = rating
        self.comment = comment
    }
}
