import HeartbeatCore

/// One member on one page: who they are, their whole-history counts, where they post, and what they
/// did last. The dashboard's member page and `/api/v1/members/{id}` show this.
public struct MemberProfile: Codable, Sendable, Hashable {
    public struct ChannelPosts: Codable, Sendable, Hashable {
        public var channel: String
        /// The channel's platform: `general` may be a Slack and a Discord channel.
        public var platform: String = ""
        public var posts: Int
    }

    public struct RecentActivity: Codable, Sendable, Hashable {
        /// `YYYY-MM-DDTHH:MM:SSZ`.
        public var time: String
        public var platform: String = ""
        public var channel: String
        /// `message`, `reply`, `join`, …
        public var kind: String
        /// The first 120 characters of the text, Slack markup made readable.
        public var excerpt: String
    }

    public var memberID: Int64
    public var name: String
    public var handle: String
    public var title: String?
    public var platform: String
    public var isBot: Bool
    public var isDeleted: Bool
    public var isAdmin: Bool
    /// Filled only for dashboard admins; nil otherwise and when the profile has none.
    public var email: String?
    public var firstSeen: String?
    public var lastSeen: String?
    public var posts: Int
    public var replies: Int
    /// Reactions the member gave.
    public var reactionsGiven: Int
    /// Reactions by other persons on the member's posts.
    public var reactionsReceived: Int
    /// Channels by the member's posts, most first.
    public var channels: [ChannelPosts]
    /// The last activities, newest first.
    public var recent: [RecentActivity]
    /// The reach of the catalog items this member wrote (whole history); nil when they wrote none.
    public var reach: ContentReach? = nil
    /// Every account of this person, on every platform, and why it is theirs.
    public var accounts: [Account] = []
    /// Per platform: first and last activity, posts and all activities.
    public var platforms: [PlatformActivity] = []
    /// The `heartbeat.toml` segments this person is in.
    public var segments: [String] = []

    /// One account of the person.
    public struct Account: Codable, Sendable, Hashable {
        public var platform: String
        public var workspace: String
        public var handle: String
        public var name: String
        public var isBot: Bool
        public var isDeleted: Bool
        /// Why this account belongs to the person (`same e-mail a…@example.org`, `merged by hand`);
        /// empty for the account the person was first known by.
        public var linkedBy: String
    }

    public struct PlatformActivity: Codable, Sendable, Hashable {
        public var platform: String
        public var firstActivity: String?
        public var lastActivity: String?
        public var posts: Int
        public var activities: Int
    }

    /// What an author's writing drew: per item and in total, over the whole history.
    public struct ContentReach: Codable, Sendable, Hashable {
        public struct Item: Codable, Sendable, Hashable {
            public var path: String
            public var title: String
            public var published: String?
            public var pageViews: Int
            public var readers: Int
        }

        public var items: [Item]
        public var pageViews: Int
        /// Distinct visitors who read any of the items.
        public var readers: Int
    }

    /// The profile of the member with store id `memberID`, or nil when there is none.
    /// With `config`, the person's segments are listed too.
    public static func load(
        store: any CommunityStore, memberID: Int64, recentCount: Int = 15, config: HeartbeatConfig? = nil
    ) async throws -> MemberProfile? {
        let snapshot = try await store.snapshot(ActivityQuery())
        guard let index = snapshot.members.firstIndex(where: { $0.id == memberID }) else { return nil }
        var profile = build(snapshot: snapshot, member: Int32(index), recentCount: recentCount)
        if let identities = store as? any IdentityStore {
            profile.profile.accounts = try await accounts(of: memberID, in: identities)
        }
        if let config, !config.segments.isEmpty {
            let membership = try await Segments.membership(of: config.segments, store: store, config: config)
            let flags = membership[memberID] ?? []
            profile.profile.segments = zip(config.segments, flags).filter { $0.1 }.map { $0.0.name }
        }
        let texts = try await store.texts(ofActivities: profile.recentIDs)
        for (slot, id) in profile.recentIDs.enumerated() {
            profile.profile.recent[slot].excerpt = Engagement.excerpt(texts[id] ?? "")
        }
        if let content = store as? any ContentStore {
            profile.profile.reach = try await reach(of: memberID, in: content)
        }
        return profile.profile
    }

    /// The person's accounts, each with the link that joined it (first account: none).
    static func accounts(of memberID: Int64, in store: any IdentityStore) async throws -> [Account] {
        let records = try await store.identityRecords().filter { $0.memberID == memberID }
        let resolution = try await store.identityResolution()
        let linkOf = resolution.linkByIdentity().mapValues(\.description)
        return records.enumerated().map { offset, record in
            Account(
                platform: record.platform.rawValue, workspace: record.workspaceName, handle: record.handle,
                name: record.displayName, isBot: record.isBot, isDeleted: record.isDeleted,
                linkedBy: offset == 0 ? "" : (linkOf[record.id] ?? "merged by hand"))
        }
    }

    /// The author's reach, computed like `report content --all` over their items only.
    static func reach(of memberID: Int64, in content: any ContentStore) async throws -> ContentReach? {
        let authored = try await content.contentItems().filter { $0.authorMemberID == memberID }
        guard !authored.isEmpty else { return nil }
        let log = try await content.pageViewLog()
        let request = ReportRequest(wholeHistory: true)
        // Every author name the catalog uses for this member counts as one author.
        let items = authored.map { item in
            var copy = item
            copy.author = "#\(memberID)"
            return copy
        }
        let report = Readership.compute(
            log: log, catalog: items, submissions: [], period: request.resolvePeriod(activityRange: log.timeRange), request: request,
            config: HeartbeatConfig(), segmentMembers: nil)
        return ContentReach(
            items: report.items.map {
                ContentReach.Item(path: $0.path, title: $0.title, published: $0.published, pageViews: $0.pageViews, readers: $0.readers)
            },
            pageViews: report.items.reduce(0) { $0 + $1.pageViews }, readers: report.authors.first?.readers ?? 0)
    }

    static func build(snapshot: CommunitySnapshot, member: Int32, recentCount: Int) -> (profile: MemberProfile, recentIDs: [Int64]) {
        let account = snapshot.members[Int(member)]
        var posts = 0
        var replies = 0
        var byChannel = [Int](repeating: 0, count: snapshot.spaces.count)
        var recent: [Int] = []
        var platforms: [Platform: PlatformActivity] = [:]
        for (index, activity) in snapshot.activities.enumerated() where activity.member == member {
            let platform = snapshot.spaces[Int(activity.space)].platform
            let day = Timestamp(microseconds: activity.time).isoDay
            var summary = platforms[platform] ?? PlatformActivity(
                platform: platform.rawValue, firstActivity: day, lastActivity: day, posts: 0, activities: 0)
            summary.lastActivity = day
            summary.activities += 1
            if activity.kind.isPost {
                posts += 1
                summary.posts += 1
                if activity.kind == .reply { replies += 1 }
                byChannel[Int(activity.space)] += 1
            }
            platforms[platform] = summary
            recent.append(index)
        }
        var given = 0
        var received = 0
        for reaction in snapshot.reactions {
            if reaction.reactor == member { given += 1 }
            let author = snapshot.activities[Int(reaction.activity)].member
            if author == member, reaction.reactor != member, snapshot.isPerson(reaction.reactor) { received += 1 }
        }
        let latest = recent.sorted { snapshot.activities[$0].time > snapshot.activities[$1].time }.prefix(recentCount)
        var profile = MemberProfile(
            memberID: account.id, name: account.displayName, handle: account.handle, title: account.title,
            platform: account.platform.rawValue, isBot: account.isBot, isDeleted: account.isDeleted,
            isAdmin: account.isAdmin, email: nil, firstSeen: account.firstSeen?.isoDay, lastSeen: account.lastSeen?.isoDay,
            posts: posts, replies: replies, reactionsGiven: given, reactionsReceived: received,
            channels: byChannel.enumerated().filter { $0.element > 0 }
                .sorted { ($0.element, snapshot.spaces[$1.offset].name) > ($1.element, snapshot.spaces[$0.offset].name) }
                .map {
                    ChannelPosts(
                        channel: snapshot.spaces[$0.offset].name, platform: snapshot.spaces[$0.offset].platform.rawValue,
                        posts: $0.element)
                },
            recent: latest.map { index in
                let activity = snapshot.activities[index]
                return RecentActivity(
                    time: Timestamp(microseconds: activity.time).isoDateTime,
                    platform: snapshot.spaces[Int(activity.space)].platform.rawValue,
                    channel: snapshot.spaces[Int(activity.space)].name, kind: "\(activity.kind)", excerpt: "")
            })
        profile.platforms = platforms.values.sorted { ($0.firstActivity ?? "", $0.platform) < ($1.firstActivity ?? "", $1.platform) }
        return (profile, latest.map { snapshot.activities[$0].id })
    }
}
