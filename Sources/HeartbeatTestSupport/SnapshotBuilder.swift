import HeartbeatCore

/// Builds a `CommunitySnapshot` by hand, for analytics tests whose every figure is worked out on
/// paper: members, channels, posts at exact times with text, replies, reactions and mentions.
public struct SnapshotBuilder {
    public private(set) var snapshot = CommunitySnapshot(
        members: [], spaces: [], activities: [], reactions: [], query: ActivityQuery(includeText: true),
        latestActivity: nil)
    private var pendingReactions: [(activity: Int, reactor: Int32)] = []
    private var pendingMentions: [(activity: Int, member: Int32)] = []
    private var texts: [String] = []

    public init() {}

    /// Seconds since 1970 of `day` (`YYYY-MM-DD`) at `hour`:`minute` UTC.
    public static func time(_ day: String, _ hour: Int = 0, _ minute: Int = 0) -> Int64 {
        (CivilDate(iso: day)!.dayNumber * 86_400 + Int64(hour * 3600 + minute * 60)) * 1_000_000
    }

    /// Adds a member; returns its index. `joined` sets first-seen (else it comes from activities).
    @discardableResult
    public mutating func member(
        _ name: String, title: String? = nil, timeZone: String? = nil, isBot: Bool = false, isDeleted: Bool = false,
        isAdmin: Bool = false, joined: String? = nil
    ) -> Int32 {
        var member = CommunitySnapshot.Member(
            id: Int64(snapshot.members.count + 1), displayName: name, handle: name, title: title, platform: .slack,
            isBot: isBot, isDeleted: isDeleted, firstSeen: joined.map { Timestamp(microseconds: Self.time($0)) },
            firstPost: nil)
        member.externalID = "U\(snapshot.members.count + 1)"
        member.timeZone = timeZone
        member.isAdmin = isAdmin
        snapshot.members.append(member)
        return Int32(snapshot.members.count - 1)
    }

    @discardableResult
    public mutating func channel(_ name: String) -> Int32 {
        snapshot.spaces.append(
            CommunitySnapshot.SpaceInfo(id: Int64(snapshot.spaces.count + 1), name: name, platform: .slack, kind: .publicChannel))
        return Int32(snapshot.spaces.count - 1)
    }

    /// A top-level message (or, with `replyTo`, a thread reply under that activity). Returns its
    /// activity index. Activities must be added in time order.
    @discardableResult
    public mutating func post(
        _ member: Int32, in space: Int32 = 0, at microseconds: Int64, _ text: String = "", replyTo root: Int? = nil,
        isQuestion: Bool? = nil
    ) -> Int {
        let rootRow = root.map { snapshot.activities[$0] }
        let row = CommunitySnapshot.ActivityRow(
            id: Int64(snapshot.activities.count + 1), member: member, space: space, kind: root == nil ? .message : .reply,
            time: microseconds, threadRoot: rootRow?.time ?? 0, parentMember: rootRow?.member ?? -1,
            isQuestion: isQuestion ?? QuestionHeuristic.looksLikeQuestion(text))
        snapshot.activities.append(row)
        texts.append(text)
        var account = snapshot.members[Int(member)]
        let time = Timestamp(microseconds: microseconds)
        account.firstSeen = min(account.firstSeen ?? time, time)
        account.firstPost = min(account.firstPost ?? time, time)
        account.lastSeen = max(account.lastSeen ?? time, time)
        snapshot.members[Int(member)] = account
        return snapshot.activities.count - 1
    }

    /// A channel join (not a post).
    public mutating func join(_ member: Int32, in space: Int32 = 0, at microseconds: Int64) {
        snapshot.activities.append(
            CommunitySnapshot.ActivityRow(
                id: Int64(snapshot.activities.count + 1), member: member, space: space, kind: .join, time: microseconds))
        texts.append("")
        let time = Timestamp(microseconds: microseconds)
        snapshot.members[Int(member)].firstSeen = min(snapshot.members[Int(member)].firstSeen ?? time, time)
    }

    public mutating func react(_ member: Int32, to activity: Int) {
        snapshot.reactions.append(CommunitySnapshot.ReactionRow(activity: Int32(activity), reactor: member))
        let time = Timestamp(microseconds: snapshot.activities[activity].time)
        snapshot.members[Int(member)].firstReaction = min(snapshot.members[Int(member)].firstReaction ?? time, time)
    }

    public mutating func mention(_ member: Int32, in activity: Int) {
        snapshot.mentions.append(CommunitySnapshot.MentionRow(activity: Int32(activity), member: member))
    }

    /// The finished snapshot (texts attached, latest activity set).
    public func build() -> CommunitySnapshot {
        var result = snapshot
        result.texts = texts
        result.latestActivity = snapshot.activities.last.map { Timestamp(microseconds: $0.time) }
        return result
    }
}
