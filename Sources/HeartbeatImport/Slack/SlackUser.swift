/// One entry of `users.json`, only the fields Heartbeat stores.
struct SlackUser: Decodable, Sendable {
    struct Profile: Decodable, Sendable {
        var realName: String?
        var displayName: String?
        var email: String?
        var title: String?
        var botID: String?

        enum CodingKeys: String, CodingKey {
            case realName = "real_name", displayName = "display_name", email, title, botID = "bot_id"
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
