/// A Telegram Desktop JSON export (`result.json`): either one chat (`name`, `type`, `id`,
/// `messages`) or the whole account (`personal_information`, `chats.list`, `left_chats.list`).
/// Decoded leniently: unknown fields are ignored and optional ones may be missing.
struct TelegramExport: Decodable {
    struct PersonalInformation: Decodable {
        var userID: Int64?

        enum CodingKeys: String, CodingKey { case userID = "user_id" }
    }

    struct ChatList: Decodable {
        var list: [TelegramChat]?
    }

    // A single-chat export.
    var name: String?
    var type: String?
    var id: Int64?
    var messages: [TelegramMessage]?

    // A full export.
    var personalInformation: PersonalInformation?
    var chats: ChatList?
    var leftChats: ChatList?

    enum CodingKeys: String, CodingKey {
        case name, type, id, messages, chats
        case personalInformation = "personal_information"
        case leftChats = "left_chats"
    }
}
