/// One thing a member did in a space, platform-neutral, as an importer hands it to the store.
public struct Activity: Sendable, Hashable {
    /// The platform's id of this activity, unique within its space (Slack: `ts`).
    public var externalID: String
    public var kind: ActivityKind
    /// The platform's own subtype, kept verbatim (`channel_join`, `thread_broadcast`, or an unknown one).
    public var subtype: String?
    public var time: Timestamp
    /// Author's `Identity.externalID`; `nil` when the platform names none.
    public var authorID: String?
    /// For replies: the time (Slack `thread_ts`) of the thread's root in the same space.
    public var threadRoot: Timestamp?
    /// For replies: the root's author, when the platform says (Slack `parent_user_id`).
    public var parentAuthorID: String?
    public var text: String
    /// Whether the text looks like a question (see `QuestionHeuristic`), decided once at import.
    public var isQuestion: Bool
    public var editedAt: Timestamp?
    public var reactions: [Reaction]
    /// `Identity.externalID`s mentioned in the text.
    public var mentions: [String]

    public init(
        externalID: String, kind: ActivityKind, subtype: String? = nil, time: Timestamp, authorID: String?,
        threadRoot: Timestamp? = nil, parentAuthorID: String? = nil, text: String = "", isQuestion: Bool = false,
        editedAt: Timestamp? = nil, reactions: [Reaction] = [], mentions: [String] = []
    ) {
        self.externalID = externalID
        self.kind = kind
        self.subtype = subtype
        self.time = time
        self.authorID = authorID
        self.threadRoot = threadRoot
        self.parentAuthorID = parentAuthorID
        self.text = text
        self.isQuestion = isQuestion
        self.editedAt = editedAt
        self.reactions = reactions
        self.mentions = mentions
    }
}

/// One emoji on one activity and who gave it. Slack's export carries no time for a reaction, so
/// reactions are dated by the message they are on.
public struct Reaction: Sendable, Hashable {
    public var name: String
    /// `Identity.externalID`s of the reactors, as listed (Slack may list fewer than `count`).
    public var userIDs: [String]
    public var count: Int

    public init(name: String, userIDs: [String], count: Int) {
        self.name = name
        self.userIDs = userIDs
        self.count = count
    }
}
