/// One entry of `channels.json`, `groups.json`, `mpims.json` or `dms.json`, as `SlackChannelReader`
/// reads it (the `Decodable` conformance is the reference it is tested against). Encoded, in the
/// same field names, as a list's record keeps it (`SlackChannelList`).
struct SlackChannel: Codable, Sendable, Equatable {
    struct Text: Codable, Sendable, Equatable { var value: String? }

    var id: String
    /// Absent in `dms.json`, whose folders are named by id.
    var name: String?
    var created: Int64?
    var isArchived: Bool?
    var topic: Text?
    var purpose: Text?

    enum CodingKeys: String, CodingKey {
        case id, name, created, isArchived = "is_archived", topic, purpose
    }
}
