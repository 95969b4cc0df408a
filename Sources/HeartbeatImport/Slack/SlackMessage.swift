/// One element of a day file (`general/2024-01-31.json`), only the fields Heartbeat reads.
/// Fields it does not know are ignored; a known field of the wrong type is an error.
struct SlackMessage: Decodable, Sendable {
    struct Edited: Decodable, Sendable { var ts: String? }
    struct Reaction: Decodable, Sendable {
        var name: String
        var users: [String]?
        var count: Int?
    }

    var subtype: String?
    var ts: String
    var user: String?
    var botID: String?
    var text: String?
    var threadTS: String?
    var parentUserID: String?
    var edited: Edited?
    var reactions: [Reaction]?

    enum CodingKeys: String, CodingKey {
        case subtype, ts, user, botID = "bot_id", text, threadTS = "thread_ts", parentUserID = "parent_user_id",
            edited, reactions
    }
}
