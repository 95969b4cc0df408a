import Foundation

/// Everything a user can set in `heartbeat.toml`. Every setting has a default, so an absent file
/// and an empty file mean the same thing. The README lists each key; the doc comment on each field
/// is the definition.
public struct HeartbeatConfig: Sendable, Equatable {
    /// Terms that describe the company's technical focus (`focus = ["coreml", "tflite"]`): words or
    /// two-word phrases, matched case-insensitively against message words. Used by the influence
    /// report's alignment score. Default: none (alignment is then 0 for everyone).
    public var focus: [String] = []
    /// The company's team, by handle, display name or platform id. Default (empty): the
    /// workspace's admins and owners.
    public var team: [String] = []
    public var bots = BotRules()
    public var organic = OrganicSettings()
    public var retention = RetentionSettings()
    public var serviceLevels = ServiceLevels()
    public var activity = ActivitySettings()
    public var segments: [SegmentRule] = []
    public var contributors = ContributorSettings()
    public var content = ContentSettings()
    public var events = EventSettings()
    public var github = GitHubSettings()

    public init() {}

    /// How accounts that behave like bots are recognised (`[bots]`).
    public struct BotRules: Sendable, Equatable {
        /// Accounts to treat as bots although the export does not flag them (handle, display name or
        /// id), e.g. a person's account used by a CI script.
        public var accounts: [String] = []
        /// Only accounts with at least this many posts in the period are judged by behaviour.
        public var minMessages = 20
        /// Flag an account when at least this share of its posts are near-identical (same text
        /// once lower-cased, digits replaced by `#` and spaces collapsed) to another of its posts.
        public var nearIdenticalShare = 0.5
        /// Flag an account whose gaps between consecutive posts have a coefficient of variation
        /// (standard deviation ÷ mean) below this: posting at machine-regular intervals.
        public var regularIntervalCV = 0.1
        public init() {}
    }

    /// `[organic]`: the organic-versus-inflated report.
    public struct OrganicSettings: Sendable, Equatable {
        /// "Active recently" means posted or reacted in this many days up to the period end.
        public var activeDays = 30
        /// A day is a join burst when its joins exceed median + `burstThreshold` × max(1.4826 × MAD,
        /// √median, 1) of the daily joins of the 28 days before (a robust z-score; 1.4826 × MAD
        /// estimates the standard deviation)…
        public var burstThreshold = 5.0
        /// …and it has at least this many joins.
        public var burstMinJoins = 10
        public init() {}
    }

    /// `[retention]`.
    public struct RetentionSettings: Sendable, Equatable {
        /// A member who posted before and then stays silent this many days is churned.
        public var churnDays = 60
        public init() {}
    }

    /// `[service_levels]`: the targets the team holds itself to.
    public struct ServiceLevels: Sendable, Equatable {
        /// A question should get its first answer within this many hours.
        public var firstResponseHours = 24.0
        /// The most days a submission should stay in a state (`pitched_days = 7`: a pitch is
        /// answered within a week; `in_review_days = 14`). Keys are `<state>_days` for any state
        /// that is not final (`in-review` written `in_review`); 0 removes a default.
        public var submissionDays: [SubmissionState: Int] = [.pitched: 7, .inReview: 14]
        public init() {}
    }

    /// `[contributors]`: the contributor program.
    public struct ContributorSettings: Sendable, Equatable {
        /// Roles beyond the built-in ones (author, editor, beta-tester, evangelist, moderator).
        public var roles: [String] = []
        /// A contributor with no activity (posts, reactions, submission changes) for this many days
        /// up to the period end has gone quiet.
        public var quietDays = 60
        /// Two pieces of work are reported as overlapping when their similarity (see
        /// `Overlaps`) is at least this. 0.4: on the hand-made test set (OverlapsTests) the planted
        /// duplicates score 0.53 to 0.81 and the closest unrelated pair 0.35.
        public var overlapThreshold = 0.4
        /// Added to the similarity per unit of tag overlap (Jaccard index of the two tag sets).
        public var tagBoost = 0.15
        public init() {}

        /// Built-in roles and the configured ones, normalized, without repeats.
        public var allRoles: [String] {
            var seen = Set<String>()
            return (RoleGrant.builtInRoles + roles.map(RoleGrant.normalizedRole)).filter { seen.insert($0).inserted }
        }
    }

    /// `[content]`: how page views are read from logs and grouped into visits.
    public struct ContentSettings: Sendable, Equatable {
        /// A visit ends after this many minutes without a page view.
        public var sessionMinutes = 30
        /// User-agent substrings (case-insensitive) that mark crawlers, bots and monitors, beyond
        /// ``defaultBotAgents``.
        public var botAgents: [String] = []
        /// File extensions that are assets, not pages, beyond ``defaultAssetExtensions``.
        public var assetExtensions: [String] = []
        /// The site's own hosts: a referrer on one of them is a move within the site, not a source.
        public var siteHosts: [String] = []
        /// Origins allowed to send page views to `POST /api/v1/collect` (CORS); empty allows any.
        public var collectOrigins: [String] = []
        public init() {}

        /// Substrings of the user agents of crawlers, link previewers, monitors and HTTP libraries.
        /// "bot" alone catches Googlebot, bingbot, Applebot, DuckDuckBot, YandexBot, AhrefsBot,
        /// SemrushBot and most others.
        public static let defaultBotAgents = [
            "bot", "crawl", "spider", "slurp", "curl/", "wget/", "python-requests", "python-urllib", "aiohttp",
            "go-http-client", "java/", "libwww-perl", "httpclient", "okhttp", "axios/", "node-fetch", "scrapy",
            "headlesschrome", "phantomjs", "facebookexternalhit", "embedly", "preview", "monitor", "uptime",
            "pingdom", "lighthouse", "feedfetcher", "feedly", "newsblur", "inoreader", "validator",
        ]

        /// Images, styles, scripts, fonts, media, feeds and machine files: requests that are not a
        /// person reading a page.
        public static let defaultAssetExtensions = [
            "css", "js", "mjs", "map", "json", "xml", "txt", "ico", "png", "jpg", "jpeg", "gif", "svg", "webp", "avif",
            "bmp", "woff", "woff2", "ttf", "otf", "eot", "mp4", "webm", "mp3", "ogg", "wav", "zip", "gz", "wasm",
        ]

        public var allBotAgents: [String] { Self.defaultBotAgents + botAgents.map { $0.lowercased() } }
        public var allAssetExtensions: Set<String> {
            Set(Self.defaultAssetExtensions + assetExtensions.map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) })
        }
    }

    /// `[github]`: which repositories are the community's (GH Archive files hold every public
    /// repository; only these are kept).
    public struct GitHubSettings: Sendable, Equatable {
        /// `owner/name`, matched without regard to case.
        public var repositories: [String] = []
        public init() {}
    }

    /// `[events]`: what counts as an attendee becoming an active member.
    public struct EventSettings: Sendable, Equatable {
        /// An attendee "became active" when they posted within this many days after the event start.
        public var followUpDays = 30
        public init() {}
    }

    /// `[activity]`: the live-event time suggestion.
    public struct ActivitySettings: Sendable, Equatable {
        /// Local hours in which members count as awake: from `awakeFrom`:00 up to `awakeUntil`:00.
        public var awakeFrom = 8
        public var awakeUntil = 22
        public init() {}
    }

    /// The segment named `name`, if declared.
    public func segment(named name: String) -> SegmentRule? { segments.first { $0.name == name } }

    /// Whether `identifier` (a handle, display name or platform id, case-insensitive, `@` optional)
    /// is listed in `list`.
    public static func lists(_ list: [String], _ identifiers: [String]) -> Bool {
        guard !list.isEmpty else { return false }
        let wanted = Set(list.map { $0.lowercased().trimmingPrefix("@") })
        return identifiers.contains { wanted.contains($0.lowercased().trimmingPrefix("@")) }
    }
}

extension String {
    fileprivate func trimmingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
