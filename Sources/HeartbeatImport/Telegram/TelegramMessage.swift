/// One message of a Telegram chat export: a post (`type: "message"`) or an event such as a join
/// (`type: "service"`, with `actor` and `action`).
struct TelegramMessage: Decodable {
    struct Reaction: Decodable {
        struct Recent: Decodable {
            var from: String?
            var fromID: String?
            var date: String?

            enum CodingKeys: String, CodingKey {
                case from, date
                case fromID = "from_id"
            }
        }

        /// `emoji`, `custom_emoji` or `paid`.
        var type: String?
        var count: Int?
        var emoji: String?
        var documentID: String?
        /// The latest reactors only: Telegram lists a few, not all `count`.
        var recent: [Recent]?

        enum CodingKeys: String, CodingKey {
            case type, count, emoji, recent
            case documentID = "document_id"
        }
    }

    var id: Int64
    var type: String
    /// Local time of the exporting computer, without an offset (`2026-03-02T10:15:00`).
    var date: String?
    /// Seconds since 1970 as a string: the authoritative time.
    var dateUnixtime: String?
    var edited: String?
    var editedUnixtime: String?
    /// The author's display name; `null` for a deleted account.
    var from: String?
    /// `user123`, or `channel456` when a channel posts into the group.
    var fromID: String?
    var text: TelegramText?
    var replyToMessageID: Int64?
    var reactions: [Reaction]?
    var actor: String?
    var actorID: String?
    /// `join_group_by_link`, `invite_members`, `remove_members`, `pin_message`, …
    var action: String?
    /// The people an `invite_members` or `remove_members` names, by display name (`null` if deleted).
    var members: [String?]?

    enum CodingKeys: String, CodingKey {
        case id, type, date, edited, from, text, reactions, actor, action, members
        case dateUnixtime = "date_unixtime"
        case editedUnixtime = "edited_unixtime"
        case fromID = "from_id"
        case replyToMessageID = "reply_to_message_id"
        case actorID = "actor_id"
    }
}
