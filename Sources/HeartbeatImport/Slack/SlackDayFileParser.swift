import Foundation
import HeartbeatCore

/// Turns the bytes of one day file into platform-neutral activities. Pure and thread-safe, so day
/// files can be parsed on several cores while one writer stores them.
struct SlackDayFileParser: Sendable {
    /// User ids that are bots (`is_bot`, Slackbot): their posts count as bot messages.
    var botUserIDs: Set<String>
    /// `profile.bot_id` → user id, so a `bot_message` is attributed to its bot user when known.
    var userIDByBotID: [String: String]

    struct Result: Sendable {
        var activities: [Activity]
        /// Unknown subtypes seen in this file, with how often.
        var unknownSubtypes: [String: Int]
    }

    func parse(_ data: Data, path: String) throws -> Result {
        let messages = try SlackMessageReader.read(data, path: path)
        var activities: [Activity] = []
        activities.reserveCapacity(messages.count)
        var unknown: [String: Int] = [:]
        for (index, message) in messages.enumerated() {
            guard let time = Timestamp(slackTS: message.ts) else {
                throw invalidTimestamp(field: "ts", value: message.ts, index: index, data: data, path: path)
            }
            var threadRoot: Timestamp?
            if let threadTS = message.threadTS {
                guard let root = Timestamp(slackTS: threadTS) else {
                    throw invalidTimestamp(field: "thread_ts", value: threadTS, index: index, data: data, path: path)
                }
                threadRoot = root
            }
            let isReply = threadRoot.map { $0 != time } ?? false
            var kind: ActivityKind
            switch SlackSubtype.classify(message.subtype, isReply: isReply) {
            case .kind(let known): kind = known
            case .unknown:
                kind = .other
                unknown[message.subtype ?? "", default: 0] += 1
            }
            var author = message.user
            if author == nil, let botID = message.botID { author = userIDByBotID[botID] ?? botID }
            if kind.isPost, let author, botUserIDs.contains(author) { kind = .botMessage }
            let text = message.text ?? ""
            activities.append(
                Activity(
                    externalID: message.ts, kind: kind, subtype: message.subtype, time: time, authorID: author,
                    threadRoot: isReply ? threadRoot : nil, parentAuthorID: isReply ? message.parentUserID : nil,
                    text: text,
                    isQuestion: kind == .message && QuestionHeuristic.looksLikeQuestion(text),
                    editedAt: message.edited?.ts.flatMap { Timestamp(slackTS: $0) },
                    reactions: (message.reactions ?? []).map {
                        Reaction(name: $0.name, userIDs: $0.users ?? [], count: $0.count ?? $0.users?.count ?? 0)
                    },
                    mentions: kind == .join || kind == .leave ? [] : Self.mentions(in: text)))
        }
        return Result(activities: activities, unknownSubtypes: unknown)
    }

    /// User ids mentioned as `<@U123>` or `<@U123|name>`, in order, without repeats. A byte scan
    /// over the text's own UTF-8 storage (no copy): `String.range(of:)` went through Foundation
    /// and dominated the parse profile, and walking `String.UTF8View` indexes cost twice this.
    static func mentions(in text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var found: [String] = []
            let count = bytes.count
            guard let base = bytes.baseAddress else { return found }
            var index = 0
            while index < count {
                // The next `<` by `memchr` (vectorised): most texts have none.
                guard let open = memchr(base + index, Int32(UInt8(ascii: "<")), count - index) else { break }
                index = base.distance(to: open.assumingMemoryBound(to: UInt8.self)) + 1
                guard index < count, bytes[index] == UInt8(ascii: "@") else { continue }
                let idStart = index + 1
                var end = idStart
                while end < count {
                    let byte = bytes[end]
                    let isAlphanumeric = (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                        || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                    guard isAlphanumeric else { break }
                    end += 1
                }
                guard end < count, end > idStart, bytes[end] == UInt8(ascii: ">") || bytes[end] == UInt8(ascii: "|")
                else { continue }
                let id = String(decoding: UnsafeBufferPointer(rebasing: bytes[idStart..<end]), as: UTF8.self)
                if !found.contains(id) { found.append(id) }
                index = end
            }
            return found
        }
    }

    private func invalidTimestamp(field: String, value: String, index: Int, data: Data, path: String) -> ImportError {
        var locator = JSONSyntaxLocator(Array(data))
        _ = locator.firstError()
        let position = (locator.position(ofElement: index).map { $0 + " " } ?? "") + "at [\(index)].\(field)"
        return .unexpectedValue(
            path, position: position,
            detail: "`\(field)` must be a Slack timestamp like \"1704067200.000100\", found \"\(value.prefix(40))\"")
    }
}
