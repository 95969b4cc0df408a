import HeartbeatCore

/// How Slack's message `subtype`s map onto platform-neutral `ActivityKind`s.
enum SlackSubtype {
    /// Subtypes of a person's post: counted as a message (or a reply when inside a thread).
    static let posts: Set<String> = ["thread_broadcast", "file_share", "me_message"]
    static let joins: Set<String> = ["channel_join", "group_join"]
    static let leaves: Set<String> = ["channel_leave", "group_leave"]
    static let spaceUpdates: Set<String> = [
        "channel_topic", "channel_purpose", "channel_name", "channel_archive", "channel_unarchive",
        "group_topic", "group_purpose", "group_name", "group_archive", "group_unarchive",
        "channel_convert_to_private", "channel_posting_permissions",
    ]
    /// Known subtypes Heartbeat keeps as `other` without a warning.
    static let knownOther: Set<String> = [
        "pinned_item", "unpinned_item", "bot_add", "bot_remove", "bot_enable", "bot_disable", "reminder_add",
        "reminder_delete", "file_comment", "file_mention", "huddle_thread", "sh_room_created", "slackbot_response",
        "message_changed", "message_deleted", "message_replied", "app_conversation_leave", "ekm_access_denied",
    ]

    enum Classification: Equatable {
        case kind(ActivityKind)
        /// Not a subtype Heartbeat knows: kept as `.other` and reported once per subtype.
        case unknown
    }

    static func classify(_ subtype: String?, isReply: Bool) -> Classification {
        guard let subtype else { return .kind(isReply ? .reply : .message) }
        if posts.contains(subtype) { return .kind(isReply ? .reply : .message) }
        if subtype == "bot_message" { return .kind(.botMessage) }
        if joins.contains(subtype) { return .kind(.join) }
        if leaves.contains(subtype) { return .kind(.leave) }
        if spaceUpdates.contains(subtype) { return .kind(.spaceUpdate) }
        if subtype == "tombstone" { return .kind(.tombstone) }
        if knownOther.contains(subtype) { return .kind(.other) }
        return .unknown
    }
}
