/// A message's `text`: a plain string, or an array mixing strings and entity objects
/// (`{"type": "bold", "text": "…"}`, `{"type": "mention_name", "text": "Bob", "user_id": 1002}`).
struct TelegramText: Decodable {
    struct Part: Decodable {
        /// `plain`, `bold`, `link`, `mention`, `mention_name`, `hashtag`, …; `plain` for a bare string.
        var type: String
        var text: String
        /// For `mention_name`: the mentioned account's numeric id.
        var userID: Int64?

        enum CodingKeys: String, CodingKey {
            case type, text
            case userID = "user_id"
        }

        init(type: String, text: String, userID: Int64? = nil) {
            self.type = type
            self.text = text
            self.userID = userID
        }

        init(from decoder: any Decoder) throws {
            if let plain = try? decoder.singleValueContainer().decode(String.self) {
                self.init(type: "plain", text: plain)
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                type: try container.decodeIfPresent(String.self, forKey: .type) ?? "plain",
                text: try container.decodeIfPresent(String.self, forKey: .text) ?? "",
                userID: try container.decodeIfPresent(Int64.self, forKey: .userID))
        }
    }

    var parts: [Part]

    init(from decoder: any Decoder) throws {
        if let plain = try? decoder.singleValueContainer().decode(String.self) {
            parts = [Part(type: "plain", text: plain)]
        } else {
            parts = try decoder.singleValueContainer().decode([Part].self)
        }
    }

    /// The text as shown: every part's text, concatenated.
    var plainText: String { parts.map(\.text).joined() }

}
