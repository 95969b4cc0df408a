/// A compact, read-only copy of the part of the store a report needs: arrays of small structs with
/// dense integer indexes (STYLE habit 13), so every metric is a plain loop with no string keys.
public struct CommunitySnapshot: Sendable {
    public struct Member: Sendable, Hashable {
        /// The store's member id (stable across re-imports).
        public var id: Int64
        public var displayName: String
        public var handle: String
        public var title: String?
        public var platform: Platform
        public var isBot: Bool
        public var isDeleted: Bool
        /// The platform's id of the member's first account (`U123`).
        public var externalID: String = ""
        /// IANA time zone from the profile (`Europe/Berlin`), if the export gave one.
        public var timeZone: String?
        /// Workspace admin or owner.
        public var isAdmin: Bool = false
        /// Earliest reaction given, over the whole history (in the queried spaces); loaded only when
        /// the query asks for `includeReactionHistory`.
        public var firstReaction: Timestamp?
        /// Earliest join or activity over the whole history (in the queried spaces); `nil` if none.
        public var firstSeen: Timestamp?
        /// Earliest post (message or reply) over the whole history (in the queried spaces).
        public var firstPost: Timestamp?
        /// Latest activity of any kind over the whole history (in the queried spaces).
        public var lastSeen: Timestamp?

        public init(
            id: Int64, displayName: String, handle: String, title: String? = nil, platform: Platform,
            isBot: Bool, isDeleted: Bool, firstSeen: Timestamp?, firstPost: Timestamp?, lastSeen: Timestamp? = nil
        ) {
            self.id = id
            self.displayName = displayName
            self.handle = handle
            self.title = title
            self.platform = platform
            self.isBot = isBot
            self.isDeleted = isDeleted
            self.firstSeen = firstSeen
            self.firstPost = firstPost
            self.lastSeen = lastSeen
        }

        /// A person (not a bot), whatever the account's state.
        public var isHuman: Bool { !isBot }
        /// Counted among members: a person whose account is not deleted.
        public var isMember: Bool { !isBot && !isDeleted }
    }

    public struct SpaceInfo: Sendable, Hashable {
        public var id: Int64
        public var name: String
        public var platform: Platform
        public var kind: Space.Kind

        public init(id: Int64, name: String, platform: Platform, kind: Space.Kind) {
            self.id = id
            self.name = name
            self.platform = platform
            self.kind = kind
        }
    }

    public struct ActivityRow: Sendable, Hashable {
        public var id: Int64
        /// Index into `members`, or -1 when the platform named no author.
        public var member: Int32
        /// Index into `spaces`.
        public var space: Int32
        public var kind: ActivityKind
        /// Microseconds since 1970 (UTC).
        public var time: Int64
        /// For replies: the root's time in microseconds, else 0.
        public var threadRoot: Int64
        /// For replies: index of the root's author when the platform said, else -1.
        public var parentMember: Int32
        public var isQuestion: Bool

        public init(
            id: Int64, member: Int32, space: Int32, kind: ActivityKind, time: Int64, threadRoot: Int64 = 0,
            parentMember: Int32 = -1, isQuestion: Bool = false
        ) {
            self.id = id
            self.member = member
            self.space = space
            self.kind = kind
            self.time = time
            self.threadRoot = threadRoot
            self.parentMember = parentMember
            self.isQuestion = isQuestion
        }
    }

    /// A member named in a message (`<@U2>`).
    public struct MentionRow: Sendable, Hashable {
        /// Index into `activities`.
        public var activity: Int32
        /// Index into `members`.
        public var member: Int32

        public init(activity: Int32, member: Int32) {
            self.activity = activity
            self.member = member
        }
    }

    public struct ReactionRow: Sendable, Hashable {
        /// Index into `activities`.
        public var activity: Int32
        /// Index into `members`, or -1 when the reactor is unknown to the store.
        public var reactor: Int32

        public init(activity: Int32, reactor: Int32) {
            self.activity = activity
            self.reactor = reactor
        }
    }

    public var members: [Member]
    public var spaces: [SpaceInfo]
    /// Sorted by `time`, then `id`.
    public var activities: [ActivityRow]
    public var reactions: [ReactionRow]
    /// Mentions of members, in activity order; loaded only when the query asks for `includeMentions`.
    public var mentions: [MentionRow] = []
    /// Message text, parallel to `activities`, when the query asked for it (`includeText`); else
    /// empty. Personal data: analysed, never logged.
    public var texts: [String] = []
    /// The query that produced this snapshot.
    public var query: ActivityQuery
    /// The latest activity in the queried spaces over the whole history; `nil` for an empty store.
    public var latestActivity: Timestamp?

    public init(
        members: [Member], spaces: [SpaceInfo], activities: [ActivityRow], reactions: [ReactionRow],
        query: ActivityQuery, latestActivity: Timestamp?
    ) {
        self.members = members
        self.spaces = spaces
        self.activities = activities
        self.reactions = reactions
        self.query = query
        self.latestActivity = latestActivity
    }

    /// Whether a member index names a person (not a bot, not "no author"): the one test every
    /// metric uses before counting someone.
    public func isPerson(_ member: Int32) -> Bool { member >= 0 && !members[Int(member)].isBot }
}
