import HeartbeatCore

/// What a DiscordChatExporter message `type` means for Heartbeat. Replies are decided by the
/// mapper, which needs the referenced message; everything else is decided here.
enum DiscordMessageType {
    case kind(ActivityKind)
    /// A `Reply`: a reply when the referenced message is found, else a message.
    case reply
    /// A type this importer does not know: kept as `.other` and reported once per import.
    case unknown

    /// System messages Discord shows in a channel that are not a person posting.
    static let knownSystemTypes: Set<String> = [
        "ThreadCreated", "Call", "RecipientAdd", "RecipientRemove", "ThreadStarterMessage", "GuildBoost",
        "GuildBoostTier1", "GuildBoostTier2", "GuildBoostTier3", "ChannelFollowAdd", "GuildDiscoveryDisqualified",
        "GuildDiscoveryRequalified", "AutoModerationAction", "GuildInviteReminder",
    ]

    static func classify(_ type: String?) -> DiscordMessageType {
        switch type ?? "Default" {
        case "Default": return .kind(.message)
        case "Reply": return .reply
        case "GuildMemberJoin": return .kind(.join)
        case "ChannelNameChange", "ChannelIconChange", "ChannelPinnedMessage": return .kind(.spaceUpdate)
        case let known where knownSystemTypes.contains(known): return .kind(.other)
        default: return .unknown
        }
    }
}
