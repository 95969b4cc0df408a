import Foundation

/// What it takes to add a submission (the store assigns the id).
public struct NewSubmission: Sendable, Hashable {
    public var kind: SubmissionKind
    public var title: String
    public var summary: String
    public var tags: [String]
    public var authorID: Int64
    public var editorID: Int64?
    /// Normally `pitched`; an import may start further along.
    public var state: SubmissionState
    public var createdAt: Timestamp
    /// When it reached `state` (for an import starting further along); default `createdAt`.
    public var stateSince: Timestamp?
    public var url: String?
    public var externalKey: String?
    public var actor: String
    public var comment: String

    public init(
        kind: SubmissionKind = .tutorial, title: String, summary: String = "", tags: [String] = [], authorID: Int64,
        editorID: Int64? = nil, state: SubmissionState = .pitched, createdAt: Timestamp, stateSince: Timestamp? = nil,
        url: String? = nil, externalKey: String? = nil, actor: String, comment: String = ""
    ) {
        self.kind = kind
        self.title = title
        self.summary = summary
        self.tags = tags
        self.authorID = authorID
        self.editorID = editorID
        self.state = state
        self.createdAt = createdAt
        self.stateSince = stateSince
        self.url = url
        self.externalKey = externalKey
        self.actor = actor
        self.comment = comment
    }

    /// Refuses an empty title; trims the text fields.
    public func validated() throws(ContributorError) -> NewSubmission {
        var copy = self
        copy.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        copy.summary = summary.trimmingCharacters(in: .whitespacesAndNewlines)
        copy.tags = Submission.normalizedTags(tags)
        guard !copy.title.isEmpty else { throw .invalidInput("a submission needs a title.") }
        if let stateSince, stateSince < createdAt {
            throw .invalidInput("the state cannot be reached (\(stateSince.isoDay)) before the submission was created (\(createdAt.isoDay)).")
        }
        return copy
    }
}
