import HeartbeatCore

/// One entry of `users.json`, only the fields Heartbeat stores. Imports read it with
/// `SlackUserReader`; `Decodable` stays as the reference the reader is tested against.
struct SlackUser: Decodable, Sendable, Equatable {
    struct Profile: Decodable, Sendable, Equatable {
        var realName: String?
        var displayName: String?
        var email: String?
        var title: String?
        var botID: String?
        /// Custom profile fields (`{"Xf01": {"value": "https://github.com/alice"}}`); Slack writes
        /// `[]` or `null` when there are none, so anything that is not an object reads as none.
        var fieldValues: [String]

        enum CodingKeys: String, CodingKey {
            case realName = "real_name", displayName = "display_name", email, title, botID = "bot_id", fields
        }

        struct Field: Decodable { var value: String? }

        init() { fieldValues = [] }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            realName = try container.decodeIfPresent(String.self, forKey: .realName)
            displayName = try container.decodeIfPresent(String.self, forKey: .displayName)
            email = try container.decodeIfPresent(String.self, forKey: .email)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            botID = try container.decodeIfPresent(String.self, forKey: .botID)
            let fields = try? container.decodeIfPresent([String: Field].self, forKey: .fields)
            fieldValues = (fields ?? [:]).keys.sorted().compactMap { fields?[$0]?.value }
        }

        /// The GitHub login the title or a custom field names.
        var githubLogin: String? {
            ([title ?? ""] + fieldValues).lazy.compactMap { GitHubProfileLink.login(in: $0) }.first
        }
    }

    var id: String
    var teamID: String?
    var name: String?
    var deleted: Bool?
    var realName: String?
    var tz: String?
    var isBot: Bool?
    var isAdmin: Bool?
    var isOwner: Bool?
    var profile: Profile?

    enum CodingKeys: String, CodingKey {
        case id, teamID = "team_id", name, deleted, realName = "real_name", tz, isBot = "is_bot",
            isAdmin = "is_admin", isOwner = "is_owner", profile
    }

    /// Slackbot is a user in users.json without `is_bot`; Heartbeat counts it as a bot.
    static let slackbotID = "USLACKBOT"
}
