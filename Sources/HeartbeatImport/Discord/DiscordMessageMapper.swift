import HeartbeatCore

/// Turns the messages of one DiscordChatExporter file into platform-neutral activities, using the
/// run's index to date replies whose referenced message lies in another file.
struct DiscordMessageMapper {
    struct Result {
        var activities: [Activity]
        /// Unknown message types seen in this file, with how often.
        var unknownTypes: [String: Int]
    }

    let index: DiscordRunIndex
    /// A referenced message not in this run, looked up among those stored by an earlier import
    /// (DiscordChatExporter's `--after` exports only the new messages).
    var storedMessage: (String) throws -> (time: Timestamp, authorID: String?)? = { _ in nil }

    func map(_ export: DiscordExport, messages: [DiscordExport.Message], path: String) throws -> Result {
        let threadID = export.channel.flatMap { $0.isThread ? $0.id : nil }
        var activities: [Activity] = []
        activities.reserveCapacity(messages.count)
        var unknown: [String: Int] = [:]
        for (position, message) in messages.enumerated() {
            let time = try Self.time(of: message, at: position, path: path)
            var kind: ActivityKind
            var root: (time: Timestamp, authorID: String?)?
            switch DiscordMessageType.classify(message.type) {
            case .kind(let known): kind = known
            case .reply:
                kind = .message
                if let referenced = message.reference?.messageId {
                    if let found = index.conversationRoot(of: referenced) {
                        root = (found.entry.time, found.entry.authorID)
                    } else {
                        root = try storedMessage(referenced)
                    }
                }
            case .unknown:
                kind = .other
                unknown[message.type ?? "", default: 0] += 1
            }
            // In a thread every post after the first answers the first.
            if threadID != nil, kind == .message, let found = index.conversationRoot(of: message.id),
                found.id != message.id
            {
                root = (found.entry.time, found.entry.authorID)
            }
            if kind == .message, root != nil { kind = .reply }
            if kind.isPost, message.author?.isBot == true { kind = .botMessage }
            let isReply = kind == .reply
            let text = message.content ?? ""
            var mentions: [String] = []
            for user in message.mentions ?? [] where !mentions.contains(user.id) { mentions.append(user.id) }
            activities.append(
                Activity(
                    externalID: message.id, kind: kind,
                    subtype: message.type == nil || message.type == "Default" ? nil : message.type, time: time,
                    authorID: message.author?.id, threadRoot: isReply ? root?.time : nil,
                    parentAuthorID: isReply ? root?.authorID : nil, text: text,
                    isQuestion: kind == .message && QuestionHeuristic.looksLikeQuestion(text),
                    editedAt: try Self.editedTime(of: message, at: position, path: path),
                    reactions: (message.reactions ?? []).map { reaction in
                        Reaction(
                            name: reaction.emoji.name ?? reaction.emoji.code ?? reaction.emoji.id ?? "?",
                            userIDs: (reaction.users ?? []).map(\.id),
                            count: reaction.count ?? reaction.users?.count ?? 0)
                    },
                    mentions: kind == .join ? [] : mentions))
        }
        return Result(activities: activities, unknownTypes: unknown)
    }

    static let timestampForm = "an ISO 8601 time with an offset like \"2026-03-02T09:15:00.123+01:00\""

    /// The message's time; an unreadable one stops the import, naming the message and the value.
    static func time(of message: DiscordExport.Message, at position: Int, path: String) throws -> Timestamp {
        guard let time = Timestamp(iso: message.timestamp) else {
            throw ImportError.badTime(
                path, element: "messages[\(position)] (id \(message.id))", field: "timestamp", value: message.timestamp,
                expected: timestampForm)
        }
        return time
    }

    static func editedTime(of message: DiscordExport.Message, at position: Int, path: String) throws -> Timestamp? {
        guard let text = message.timestampEdited, !text.isEmpty else { return nil }
        guard let time = Timestamp(iso: text) else {
            throw ImportError.badTime(
                path, element: "messages[\(position)] (id \(message.id))", field: "timestampEdited", value: text,
                expected: timestampForm)
        }
        return time
    }
}
