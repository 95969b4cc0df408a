import Foundation

/// A piece of work a member proposes to the community: a tutorial pitch, a talk proposal, a code
/// contribution idea. It moves through ``SubmissionState``s; every move is a ``SubmissionEvent``.
public struct Submission: Sendable, Hashable, Codable {
    public var id: Int64
    public var kind: SubmissionKind
    public var title: String
    public var summary: String
    /// Lower-cased, without repeats, sorted.
    public var tags: [String]
    public var author: MemberRef
    public var editor: MemberRef?
    public var state: SubmissionState
    /// When it entered `state`.
    public var stateSince: Timestamp
    /// When it was pitched (or created by an import).
    public var createdAt: Timestamp
    /// Where it was published (set when moved to `published`), to link it to its readership.
    public var url: String?
    /// The id a spreadsheet import gave it, so a re-import updates rather than duplicates.
    public var externalKey: String?

    public init(
        id: Int64, kind: SubmissionKind, title: String, summary: String, tags: [String], author: MemberRef,
        editor: MemberRef?, state: SubmissionState, stateSince: Timestamp, createdAt: Timestamp, url: String? = nil,
        externalKey: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.summary = summary
        self.tags = tags
        self.author = author
        self.editor = editor
        self.state = state
        self.stateSince = stateSince
        self.createdAt = createdAt
        self.url = url
        self.externalKey = externalKey
    }

    /// Days (fractional) since it entered its current state, at `now`.
    public func daysInState(at now: Timestamp) -> Double {
        Double(now.microseconds - stateSince.microseconds) / Double(Timestamp.microsecondsPerDay)
    }

    /// Tags as stored: trimmed, lower-cased, a leading `#` dropped, without repeats, sorted.
    public static func normalizedTags(_ tags: [String]) -> [String] {
        Array(
            Set(
                tags.map { tag in
                    let trimmed = tag.trimmingCharacters(in: .whitespaces).lowercased()
                    return trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed
                }.filter { !$0.isEmpty })
        ).sorted()
    }
}
