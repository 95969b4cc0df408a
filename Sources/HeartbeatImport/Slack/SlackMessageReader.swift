import Foundation

/// Reads a day file (a JSON array of message objects) straight from its bytes into
/// `SlackMessage`s with `JSONByteReader`, decoding only the fields Heartbeat stores and skipping
/// the rest without building them: about five times faster than `JSONDecoder` with `Decodable`.
/// Errors name the file, the element and the field (`3:3 at [1].reactions[0].name: expected a
/// string, found a number`).
enum SlackMessageReader {
    private typealias Failure = JSONByteReader.Failure

    static func read(_ data: Data, path: String) throws -> [SlackMessage] {
        try JSONByteReader.readArray(data, path: path, expected: "an array of messages", element: readMessage)
    }

    private static func readMessage(_ reader: inout JSONByteReader) throws -> SlackMessage {
        try reader.require(UInt8(ascii: "{"), field: "", expected: "a message object")
        var message = SlackMessage(ts: "")
        var sawTS = false
        try reader.readObject { reader, key in
            switch Key(key) {
            case .ts:
                message.ts = try reader.readString(field: ".ts")
                sawTS = true
            case .subtype: message.subtype = try reader.readOptionalString(field: ".subtype")
            case .user: message.user = try reader.readOptionalString(field: ".user")
            case .botID: message.botID = try reader.readOptionalString(field: ".bot_id")
            case .text: message.text = try reader.readOptionalString(field: ".text")
            case .threadTS: message.threadTS = try reader.readOptionalString(field: ".thread_ts")
            case .parentUserID: message.parentUserID = try reader.readOptionalString(field: ".parent_user_id")
            case .edited: message.edited = try readEdited(&reader)
            case .reactions: message.reactions = try readReactions(&reader)
            default: try reader.skipValue()
            }
        }
        guard sawTS else { throw Failure.type(field: ".ts", expected: "the required field `ts`", offset: reader.index - 1) }
        return message
    }

    private static func readEdited(_ reader: inout JSONByteReader) throws -> SlackMessage.Edited? {
        if try reader.readNull() { return nil }
        try reader.require(UInt8(ascii: "{"), field: ".edited", expected: "an object")
        var edited = SlackMessage.Edited(ts: nil)
        try reader.readObject { reader, key in
            if Key(key) == .ts { edited.ts = try reader.readOptionalString(field: ".edited.ts") } else { try reader.skipValue() }
        }
        return edited
    }

    private static func readReactions(_ reader: inout JSONByteReader) throws -> [SlackMessage.Reaction]? {
        if try reader.readNull() { return nil }
        try reader.require(UInt8(ascii: "["), field: ".reactions", expected: "an array")
        var reactions: [SlackMessage.Reaction] = []
        try reader.readArrayElements { reader in
            // Built only for an error message: one string per reaction user was a parse hot spot.
            let number = reactions.count
            func position() -> String { ".reactions[\(number)]" }
            try reader.require(UInt8(ascii: "{"), field: position(), expected: "an object")
            var name: String?
            var users: [String]?
            var count: Int?
            try reader.readObject { reader, key in
                switch Key(key) {
                case .name: name = try reader.readString(field: position() + ".name")
                case .users:
                    if try reader.readNull() { break }
                    try reader.require(UInt8(ascii: "["), field: position() + ".users", expected: "an array")
                    var list: [String] = []
                    try reader.readArrayElements { reader in
                        let user = list.count
                        list.append(try reader.readString(field: position() + ".users[\(user)]"))
                    }
                    users = list
                case .count: count = try reader.readOptionalInt(field: position() + ".count")
                default: try reader.skipValue()
                }
            }
            guard let name else {
                throw Failure.type(field: position() + ".name", expected: "the required field `name`", offset: reader.index - 1)
            }
            reactions.append(SlackMessage.Reaction(name: name, users: users, count: count))
        }
        return reactions
    }

    /// The keys Heartbeat reads, classified by their bytes; everything else is `.other`.
    private enum Key {
        case ts, subtype, user, botID, text, threadTS, parentUserID, edited, reactions, name, users, count, other

        @inline(__always)
        init(_ key: UnsafeRawBufferPointer?) {
            guard let key else {
                self = .other
                return
            }
            switch key.count {
            case 2: self = key.spells("ts") ? .ts : .other
            case 4: self = key.spells("user") ? .user : key.spells("text") ? .text : key.spells("name") ? .name : .other
            case 5: self = key.spells("users") ? .users : key.spells("count") ? .count : .other
            case 6: self = key.spells("bot_id") ? .botID : key.spells("edited") ? .edited : .other
            case 7: self = key.spells("subtype") ? .subtype : .other
            case 9: self = key.spells("thread_ts") ? .threadTS : key.spells("reactions") ? .reactions : .other
            case 14: self = key.spells("parent_user_id") ? .parentUserID : .other
            default: self = .other
            }
        }
    }
}
