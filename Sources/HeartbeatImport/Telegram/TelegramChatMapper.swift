import HeartbeatCore

/// Turns the messages of one Telegram chat into activities, and records every account it sees.
///
/// Mentions are `mention_name` entities, which carry the account's id (`user<id>`). Plain `@handle`
/// mentions are not resolved: Telegram exports do not say which account has which handle.
struct TelegramChatMapper {
    struct Result {
        var activities: [Activity]
        /// Unknown message types seen, with how often.
        var unknownTypes: [String: Int]
    }

    /// Display name → account id over the whole export, for people named only by an invite or a
    /// removal who never posted in this chat.
    var exportNames: [String: String]
    let path: String

    /// Service actions that change the chat itself, like Discord's name, icon and pin notices.
    static let spaceUpdateActions: Set<String> = ["edit_group_title", "edit_group_photo", "delete_group_photo", "pin_message"]
    static let joinActions: Set<String> = ["join_group_by_link", "join_group_by_request"]

    /// `element` names the chat in the file (`chats.list[0]`, or empty for a single-chat export).
    func map(_ chat: TelegramChat, element: String, accounts: inout TelegramAccounts) throws -> Result {
        let messages = chat.messages ?? []
        var times: [Timestamp] = []
        times.reserveCapacity(messages.count)
        var byID: [Int64: (time: Timestamp, authorID: String?, replyTo: Int64?)] = [:]
        var chatNames: [String: String] = [:]
        for (position, message) in messages.enumerated() {
            let time = try Self.time(of: message, at: position, element: element, path: path)
            times.append(time)
            let author = message.type == "service" ? message.actorID : message.fromID
            byID[message.id] = (time, author, message.replyToMessageID)
            if let author, let name = message.type == "service" ? message.actor : message.from { chatNames[name] = author }
        }
        var activities: [Activity] = []
        var unknown: [String: Int] = [:]
        for (position, message) in messages.enumerated() {
            let time = times[position]
            let externalID = String(message.id)
            switch message.type {
            case "message":
                let author = message.fromID
                if let author { accounts.observe(author, name: message.from, at: time) }
                var root: (time: Timestamp, authorID: String?)?
                if var target = message.replyToMessageID, var found = byID[target] {
                    // A reply to a reply belongs to the first message of the conversation.
                    for _ in 0..<100 {
                        guard let next = found.replyTo, let parent = byID[next] else { break }
                        (target, found) = (next, parent)
                    }
                    root = (found.time, found.authorID)
                }
                var kind: ActivityKind = root == nil ? .message : .reply
                if let author, TelegramAccounts.isChannel(author) { kind = .botMessage }
                let text = message.text?.plainText ?? ""
                var mentions: [String] = []
                for part in message.text?.parts ?? [] where part.type == "mention_name" {
                    guard let id = part.userID.map({ "user\($0)" }) else { continue }
                    accounts.observe(id, name: part.text, at: time, firstHand: false)
                    if !mentions.contains(id) { mentions.append(id) }
                }
                var reactions: [Reaction] = []
                for reaction in message.reactions ?? [] {
                    var users: [String] = []
                    for recent in reaction.recent ?? [] {
                        guard let id = recent.fromID else { continue }
                        accounts.observe(id, name: recent.from, at: time, firstHand: false)
                        users.append(id)
                    }
                    reactions.append(
                        Reaction(
                            name: reaction.emoji ?? reaction.documentID ?? reaction.type ?? "?", userIDs: users,
                            count: reaction.count ?? users.count))
                }
                let isReply = kind == .reply
                activities.append(
                    Activity(
                        externalID: externalID, kind: kind, time: time, authorID: author,
                        threadRoot: isReply ? root?.time : nil, parentAuthorID: isReply ? root?.authorID : nil,
                        text: text, isQuestion: kind == .message && QuestionHeuristic.looksLikeQuestion(text),
                        editedAt: try Self.editedTime(of: message, at: position, element: element, path: path),
                        reactions: reactions, mentions: mentions))
            case "service":
                let actor = message.actorID
                if let actor { accounts.observe(actor, name: message.actor, at: time) }
                let action = message.action ?? "service"
                if Self.joinActions.contains(action) {
                    activities.append(Activity(externalID: externalID, kind: .join, subtype: action, time: time, authorID: actor))
                } else if action == "invite_members" || action == "remove_members" {
                    let names = message.members ?? []
                    for (number, name) in names.enumerated() {
                        let member = memberID(named: name, actor: message, chatNames: chatNames)
                        accounts.observe(member, name: name, at: time, firstHand: member.hasPrefix("name:"))
                        activities.append(
                            Activity(
                                externalID: names.count == 1 ? externalID : "\(externalID)#\(number + 1)",
                                kind: action == "invite_members" ? .join : .leave, subtype: action, time: time,
                                authorID: member))
                    }
                } else {
                    activities.append(
                        Activity(
                            externalID: externalID, kind: Self.spaceUpdateActions.contains(action) ? .spaceUpdate : .other,
                            subtype: action, time: time, authorID: actor))
                }
            default:
                unknown[message.type, default: 0] += 1
                let author = message.fromID ?? message.actorID
                if let author { accounts.observe(author, name: message.from ?? message.actor, at: time) }
                activities.append(
                    Activity(externalID: externalID, kind: .other, subtype: message.type, time: time, authorID: author))
            }
        }
        return Result(activities: activities, unknownTypes: unknown)
    }

    /// The account an invite or removal names: the actor when they removed themselves (left), else
    /// the account of that display name in this chat, then in the export, else one keyed `name:<name>`.
    private func memberID(named name: String?, actor message: TelegramMessage, chatNames: [String: String]) -> String {
        guard let name else { return "name:\(TelegramAccounts.deletedName)" }
        if name == message.actor, let actor = message.actorID { return actor }
        return chatNames[name] ?? exportNames[name] ?? "name:\(name)"
    }

    static let dateForm = "seconds since 1970 like \"1772446500\""

    /// `date_unixtime` (authoritative), else `date` read as UTC (it has no offset).
    static func time(of message: TelegramMessage, at position: Int, element: String, path: String) throws -> Timestamp {
        let place = (element.isEmpty ? "" : element + ".") + "messages[\(position)] (id \(message.id))"
        if let unix = message.dateUnixtime {
            guard let seconds = Int64(unix) else {
                throw ImportError.badTime(path, element: place, field: "date_unixtime", value: unix, expected: dateForm)
            }
            return Timestamp(seconds: seconds)
        }
        guard let date = message.date, let time = Timestamp(iso: date) else {
            throw ImportError.badTime(
                path, element: place, field: "date", value: message.date ?? "",
                expected: "a time like \"2026-03-02T10:15:00\"")
        }
        return time
    }

    static func editedTime(of message: TelegramMessage, at position: Int, element: String, path: String) throws -> Timestamp? {
        let place = (element.isEmpty ? "" : element + ".") + "messages[\(position)] (id \(message.id))"
        if let unix = message.editedUnixtime {
            guard let seconds = Int64(unix) else {
                throw ImportError.badTime(path, element: place, field: "edited_unixtime", value: unix, expected: dateForm)
            }
            return Timestamp(seconds: seconds)
        }
        return message.edited.flatMap { Timestamp(iso: $0) }
    }
}
