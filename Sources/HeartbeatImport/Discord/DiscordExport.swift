/// One channel (or thread) as DiscordChatExporter writes it in JSON. Decoded leniently: unknown
/// fields are ignored and everything the exporter may leave out is optional. The top-level fields
/// are optional too, so a JSON file that is not such an export gets a clear `notADiscordExport`
/// error rather than a missing-key one.
struct DiscordExport: Decodable {
    struct Guild: Decodable {
        var id: String
        var name: String?
    }

    struct Channel: Decodable {
        var id: String
        /// `GuildTextChat`, `GuildPublicThread`, `GuildPrivateThread`, `GuildNewsThread`, `GuildForum`, …
        var type: String?
        /// For a thread: the id of the channel it belongs to; otherwise the channel's category.
        var categoryId: String?
        /// For a thread: the name of the channel it belongs to.
        var category: String?
        var name: String?
        var topic: String?

        /// Threads' messages belong to their parent channel's conversation.
        var isThread: Bool { type?.contains("Thread") ?? false }
    }

    struct User: Decodable {
        var id: String
        var name: String?
        var discriminator: String?
        var nickname: String?
        var isBot: Bool?
    }

    struct Emoji: Decodable {
        var id: String?
        var name: String?
        var code: String?
    }

    struct Reaction: Decodable {
        var emoji: Emoji
        var count: Int?
        /// Only newer exporter versions list who reacted.
        var users: [User]?
    }

    struct Reference: Decodable {
        var messageId: String?
        var channelId: String?
        var guildId: String?
    }

    struct Message: Decodable {
        /// A snowflake, as a string.
        var id: String
        /// `Default`, `Reply`, `GuildMemberJoin`, … (see `DiscordMessageType`).
        var type: String?
        /// ISO 8601 with an offset and an optional fraction: `2026-03-02T09:15:00.123+01:00`.
        var timestamp: String
        var timestampEdited: String?
        var content: String?
        var author: User?
        var reactions: [Reaction]?
        var mentions: [User]?
        var reference: Reference?
    }

    var guild: Guild?
    var channel: Channel?
    var messages: [Message]?
}
