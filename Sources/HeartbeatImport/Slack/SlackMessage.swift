/// One element of a day file (`general/2024-01-31.json`), only the fields Heartbeat reads.
/// Fields it does not know are ignored; a known field of the wrong type is an error. Read by
/// `SlackMessageReader`; `Decodable` stays as the reference the reader is tested against.
struct SlackMessage: Decodable, Sendable, Equatable {
    struct Edited: Decodable, Sendable, Equatable { var ts: String? }
    struct Reaction: Decodable, Sendable, Equatable {
        var name: String
        var users: [String]?
        var count: Int?
    }

    var subtype: String? = nil
    var ts: String
    var user: String? = nil
    var botID: String? = nil
    var text: String? = nil
    var threadTS: String? = nil
    var parentUserID: String? = nil
    var edited: Edited? = nil
    var reactions: [Reaction]? = nil

    enum CodingKeys: String, CodingKey {
        case subtype, ts, user, botID = "bot_id", text, threadTS = "thread_ts", parentUserID = "parent_user_id",
            edited, reactions
    }
}
