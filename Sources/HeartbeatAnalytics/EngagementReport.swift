import HeartbeatCore

/// The engagement report: what `heartbeat report` prints and `--format json` serialises. JSON keys
/// are these property names in snake_case, and are stable: fields are only ever added.
public struct EngagementReport: Codable, Sendable, Hashable {
    public var scope: ReportScope
    public var members: MemberFigures
    public var activity: ActivityFigures
    public var threads: ThreadFigures
    /// One row per channel with any activity in the period, busiest first.
    public var channels: [ChannelFigures]
    public var topMembers: TopMembers
    /// Growth versus engagement, one point per week (Monday to Sunday, UTC) of the period.
    public var weekly: [WeeklyPoint]
    /// Posters and posts on each day of the period.
    public var daily: [DailyPoint]

    public init(scope: ReportScope, members: MemberFigures, activity: ActivityFigures, threads: ThreadFigures, channels: [ChannelFigures], topMembers: TopMembers, weekly: [WeeklyPoint], daily: [DailyPoint] = []) {
        self.daily = daily
        self.scope = scope
        self.members = members
        self.activity = activity
        self.threads = threads
        self.channels = channels
        self.topMembers = topMembers
        self.weekly = weekly
    }
}

/// Who the members are. A *member* is a person's account (not a bot) that is not deleted.
public struct MemberFigures: Codable, Sendable, Hashable {
    /// Members who had joined by the period end: first seen (join or first activity) before the end,
    /// or never seen at all (listed in the user list without any activity: join date unknown).
    public var total: Int
    /// Members first seen (a `channel_join` or their first activity, whichever is earlier) in the period.
    public var new: Int
    /// Members in `total` with no join or activity at all, so no known join date.
    public var unknownJoinDate: Int
    /// Bot accounts (flagged bots, Slackbot, integrations posting `bot_message`), counted apart.
    public var bots: Int
    /// Deleted (deactivated) human accounts, counted apart; their past activity still counts.
    public var deleted: Int

    public init(total: Int, new: Int, unknownJoinDate: Int, bots: Int, deleted: Int) {
        self.total = total
        self.new = new
        self.unknownJoinDate = unknownJoinDate
        self.bots = bots
        self.deleted = deleted
    }
}

/// What people did in the period. Posts are messages and thread replies by persons.
public struct ActivityFigures: Codable, Sendable, Hashable {
    /// Persons who posted at least one message or reply in the period (deleted accounts included).
    public var activePosters: Int
    /// Active posters whose first post ever falls in the period.
    public var newPosters: Int
    /// Active posters who had posted before the period.
    public var returningPosters: Int
    /// Top-level messages by persons.
    public var messages: Int
    /// Thread replies by persons (including replies also sent to the channel).
    public var replies: Int
    /// Reactions given by persons to messages posted in the period (Slack does not date reactions).
    public var reactions: Int
    /// Posts by bots, counted apart.
    public var botMessages: Int
    /// Mean daily active posters over the period's days.
    public var averageDAU: Double
    /// Mean over the period's days of posters in the 7 days ending that day.
    public var averageWAU: Double
    /// Mean over the period's days of posters in the 30 days ending that day.
    public var averageMAU: Double
    /// averageDAU / averageMAU.
    public var stickiness: Double

    public init(activePosters: Int, newPosters: Int, returningPosters: Int, messages: Int, replies: Int, reactions: Int, botMessages: Int, averageDAU: Double, averageWAU: Double, averageMAU: Double, stickiness: Double) {
        self.activePosters = activePosters
        self.newPosters = newPosters
        self.returningPosters = returningPosters
        self.messages = messages
        self.replies = replies
        self.reactions = reactions
        self.botMessages = botMessages
        self.averageDAU = averageDAU
        self.averageWAU = averageWAU
        self.averageMAU = averageMAU
        self.stickiness = stickiness
    }
}

/// Threads started in the period and how they were answered (`FirstResponse`).
public struct ThreadFigures: Codable, Sendable, Hashable {
    /// Top-level messages by persons in the period.
    public var roots: Int
    /// Roots with a reply by another person.
    public var answeredRoots: Int
    /// answeredRoots / roots.
    public var responseRate: Double
    public var firstResponseMedianSeconds: Double?
    /// 90th percentile, linear interpolation.
    public var firstResponseP90Seconds: Double?
    /// Roots that look like questions.
    public var questions: Int
    public var unansweredQuestions: Int
    /// The most recent unanswered questions (at most the request's limit).
    public var unansweredList: [UnansweredQuestion]
    /// Roots by first-response time (`ResponseTimeBucket.limits`), then those with no reply.
    public var firstResponseDistribution: [ResponseTimeBucket]

    public init(roots: Int, answeredRoots: Int, responseRate: Double, firstResponseMedianSeconds: Double?, firstResponseP90Seconds: Double?, questions: Int, unansweredQuestions: Int, unansweredList: [UnansweredQuestion], firstResponseDistribution: [ResponseTimeBucket] = []) {
        self.firstResponseDistribution = firstResponseDistribution
        self.roots = roots
        self.answeredRoots = answeredRoots
        self.responseRate = responseRate
        self.firstResponseMedianSeconds = firstResponseMedianSeconds
        self.firstResponseP90Seconds = firstResponseP90Seconds
        self.questions = questions
        self.unansweredQuestions = unansweredQuestions
        self.unansweredList = unansweredList
    }
}

public struct UnansweredQuestion: Codable, Sendable, Hashable {
    public var activityID: Int64
    public var channel: String
    public var author: String
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var postedAt: String
    /// The first 120 characters of the question, single line.
    public var excerpt: String

    public init(activityID: Int64, channel: String, author: String, postedAt: String, excerpt: String) {
        self.activityID = activityID
        self.channel = channel
        self.author = author
        self.postedAt = postedAt
        self.excerpt = excerpt
    }
}

public struct ChannelFigures: Codable, Sendable, Hashable {
    public var channel: String
    public var messages: Int
    public var replies: Int
    public var reactions: Int
    public var activePosters: Int
    public var botMessages: Int
    public var roots: Int
    public var firstResponseMedianSeconds: Double?
    public var unansweredQuestions: Int

    public init(channel: String, messages: Int, replies: Int, reactions: Int, activePosters: Int, botMessages: Int, roots: Int, firstResponseMedianSeconds: Double?, unansweredQuestions: Int) {
        self.channel = channel
        self.messages = messages
        self.replies = replies
        self.reactions = reactions
        self.activePosters = activePosters
        self.botMessages = botMessages
        self.roots = roots
        self.firstResponseMedianSeconds = firstResponseMedianSeconds
        self.unansweredQuestions = unansweredQuestions
    }
}

public struct TopMembers: Codable, Sendable, Hashable {
    /// Most messages and replies posted.
    public var byPosts: [RankedMember]
    /// Most thread replies in threads started by someone else.
    public var byRepliesToOthers: [RankedMember]
    /// Most reactions received from other persons on posts in the period.
    public var byReactionsReceived: [RankedMember]

    public init(byPosts: [RankedMember], byRepliesToOthers: [RankedMember], byReactionsReceived: [RankedMember]) {
        self.byPosts = byPosts
        self.byRepliesToOthers = byRepliesToOthers
        self.byReactionsReceived = byReactionsReceived
    }
}

public struct RankedMember: Codable, Sendable, Hashable {
    public var memberID: Int64
    public var name: String
    public var handle: String
    public var value: Int

    public init(memberID: Int64, name: String, handle: String, value: Int) {
        self.memberID = memberID
        self.name = name
        self.handle = handle
        self.value = value
    }
}

/// A range of first-response times and how many threads fell in it.
public struct ResponseTimeBucket: Codable, Sendable, Hashable {
    /// `under 15 min`, `15 min – 1 h`, …, `no reply`.
    public var label: String
    /// The bucket holds times below this many seconds (and at or above the previous bucket's);
    /// nil for the open-ended last time bucket and for `no reply`.
    public var underSeconds: Double?
    public var threads: Int

    public init(label: String, underSeconds: Double?, threads: Int) {
        self.label = label
        self.underSeconds = underSeconds
        self.threads = threads
    }

    /// The upper limits of the time buckets, in seconds: 15 minutes, 1, 4 and 24 hours, 3 days.
    public static let limits: [(label: String, underSeconds: Double?)] = [
        ("under 15 min", 900), ("15 min – 1 h", 3_600), ("1 – 4 h", 14_400), ("4 – 24 h", 86_400),
        ("1 – 3 days", 259_200), ("over 3 days", nil),
    ]
}

/// Persons who posted on one day.
public struct DailyPoint: Codable, Sendable, Hashable {
    /// The UTC day, `YYYY-MM-DD`.
    public var day: String
    /// Persons who posted that day (the day's DAU).
    public var activePosters: Int
    /// Messages and replies by persons that day.
    public var posts: Int

    public init(day: String, activePosters: Int, posts: Int) {
        self.day = day
        self.activePosters = activePosters
        self.posts = posts
    }
}

public struct WeeklyPoint: Codable, Sendable, Hashable {
    /// The Monday (UTC) the week starts, `YYYY-MM-DD`; the first and last week may be cut by the period.
    public var weekStart: String
    /// Members (as in `MemberFigures.total`) at the end of the week.
    public var members: Int
    /// Members first seen in the week.
    public var newMembers: Int
    /// Persons who posted in the week.
    public var activePosters: Int
    /// Messages and replies by persons in the week.
    public var posts: Int

    public init(weekStart: String, members: Int, newMembers: Int, activePosters: Int, posts: Int) {
        self.weekStart = weekStart
        self.members = members
        self.newMembers = newMembers
        self.activePosters = activePosters
        self.posts = posts
    }
}
