import HeartbeatCore

/// One chat of a Telegram export, with its messages in order.
struct TelegramChat: Decodable {
    var name: String?
    /// `private_supergroup`, `public_supergroup`, `private_group`, `public_channel`, `personal_chat`, …
    var type: String?
    var id: Int64
    var messages: [TelegramMessage]?

    /// Chat types that are one person's conversations, not a community: never imported.
    static let personalTypes: Set<String> = ["personal_chat", "saved_messages", "bot_chat"]

    var isPersonal: Bool { Self.personalTypes.contains(type ?? "") }

    /// Public groups and channels can be found and joined by anyone; the rest are private.
    var spaceKind: Space.Kind {
        (type ?? "").hasPrefix("public") ? .publicChannel : .privateChannel
    }
}
