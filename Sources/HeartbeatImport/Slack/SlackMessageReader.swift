import Foundation

/// Reads a day file (a JSON array of message objects) straight from its bytes into
/// `SlackMessage`s, decoding only the fields Heartbeat stores and skipping the rest without
/// building them. About five times faster than `JSONDecoder` with `Decodable`, which turned every
/// value of every message into boxed intermediate values.
///
/// Errors keep the importer's promise: a syntax error is located by `JSONSyntaxLocator` (same
/// wording as everywhere else), a wrong type names the message, the field path and what was
/// expected (`3:3 at [1].reactions[0].name: expected a string, found a number`).
struct SlackMessageReader {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private let path: String

    /// Thrown inside the reader; turned into an `ImportError` at the top.
    private enum Failure: Error {
        case syntax
        case type(field: String, expected: String, offset: Int)
    }

    private init(bytes: UnsafeRawBufferPointer, path: String) {
        self.bytes = bytes
        self.path = path
    }

    static func read(_ data: Data, path: String) throws -> [SlackMessage] {
        try data.withUnsafeBytes { raw in
            var reader = SlackMessageReader(bytes: raw, path: path)
            var messages: [SlackMessage] = []
            var elementStarts: [Int] = []
            do {
                try reader.readArray(into: &messages, starts: &elementStarts)
                return messages
            } catch Failure.type(let field, let expected, let offset) {
                // A syntax error later in the file wins: the file is broken, not just one value.
                if let malformed = JSONSyntaxLocator.malformedError(in: Array(raw), path: path) { throw malformed }
                let element = elementStarts.count - 1
                let locator = JSONSyntaxLocator(Array(raw))
                let (line, column) = locator.lineAndColumn(of: element >= 0 ? elementStarts[element] : 0)
                throw ImportError.unexpectedValue(
                    path, position: "\(line):\(column)" + (element >= 0 ? " at [\(element)]\(field)" : ""),
                    detail: "expected \(expected), found \(reader.describeValue(at: offset))")
            } catch {
                throw JSONSyntaxLocator.malformedError(in: Array(raw), path: path)
                    ?? ImportError.malformedJSON(path, position: "", detail: "unreadable JSON")
            }
        }
    }

    // MARK: Structure

    private mutating func readArray(into messages: inout [SlackMessage], starts: inout [Int]) throws {
        skipWhitespace()
        guard peek() == UInt8(ascii: "[") else {
            throw Failure.type(field: "", expected: "an array of messages", offset: index)
        }
        index += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return try expectEnd()
        }
        while true {
            skipWhitespace()
            starts.append(index)
            messages.append(try readMessage())
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return try expectEnd()
            default: throw Failure.syntax
            }
        }
    }

    private mutating func expectEnd() throws {
        skipWhitespace()
        if index != bytes.count { throw Failure.syntax }
    }

    private mutating func readMessage() throws -> SlackMessage {
        guard peek() == UInt8(ascii: "{") else { throw Failure.type(field: "", expected: "a message object", offset: index) }
        var message = SlackMessage(ts: "")
        var sawTS = false
        try readObject { reader, key in
            switch key {
            case .ts:
                message.ts = try reader.readString(field: ".ts")
                sawTS = true
            case .subtype: message.subtype = try reader.readOptionalString(field: ".subtype")
            case .user: message.user = try reader.readOptionalString(field: ".user")
            case .botID: message.botID = try reader.readOptionalString(field: ".bot_id")
            case .text: message.text = try reader.readOptionalString(field: ".text")
            case .threadTS: message.threadTS = try reader.readOptionalString(field: ".thread_ts")
            case .parentUserID: message.parentUserID = try reader.readOptionalString(field: ".parent_user_id")
            case .edited: message.edited = try reader.readEdited()
            case .reactions: message.reactions = try reader.readReactions()
            default: try reader.skipValue()
            }
        }
        guard sawTS else { throw Failure.type(field: ".ts", expected: "the required field `ts`", offset: index - 1) }
        return message
    }

    private mutating func readEdited() throws -> SlackMessage.Edited? {
        if try readNull() { return nil }
        guard peek() == UInt8(ascii: "{") else { throw Failure.type(field: ".edited", expected: "an object", offset: index) }
        var edited = SlackMessage.Edited(ts: nil)
        try readObject { reader, key in
            if key == .ts { edited.ts = try reader.readOptionalString(field: ".edited.ts") } else { try reader.skipValue() }
        }
        return edited
    }

    private mutating func readReactions() throws -> [SlackMessage.Reaction]? {
        if try readNull() { return nil }
        guard peek() == UInt8(ascii: "[") else { throw Failure.type(field: ".reactions", expected: "an array", offset: index) }
        var reactions: [SlackMessage.Reaction] = []
        try readArrayElements { reader in
            // Built only for an error message: one string per reaction user was a parse hot spot.
            let number = reactions.count
            func position() -> String { ".reactions[\(number)]" }
            guard reader.peek() == UInt8(ascii: "{") else {
                throw Failure.type(field: position(), expected: "an object", offset: reader.index)
            }
            var name: String?
            var users: [String]?
            var count: Int?
            try reader.readObject { reader, key in
                switch key {
                case .name: name = try reader.readString(field: position() + ".name")
                case .users:
                    if try reader.readNull() { break }
                    guard reader.peek() == UInt8(ascii: "[") else {
                        throw Failure.type(field: position() + ".users", expected: "an array", offset: reader.index)
                    }
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

    // MARK: Generic pieces

    /// The keys Heartbeat reads; everything else is `.other` and skipped.
    private enum Key {
        case ts, subtype, user, botID, text, threadTS, parentUserID, edited, reactions, name, users, count, other
    }

    private mutating func readObject(_ body: (inout SlackMessageReader, Key) throws -> Void) throws {
        try readSequence(closing: UInt8(ascii: "}")) { reader in
            guard reader.peek() == UInt8(ascii: "\"") else { throw Failure.syntax }
            let key = try reader.readKey()
            reader.skipWhitespace()
            guard reader.peek() == UInt8(ascii: ":") else { throw Failure.syntax }
            reader.index += 1
            reader.skipWhitespace()
            try body(&reader, key)
        }
    }

    private mutating func readArrayElements(_ body: (inout SlackMessageReader) throws -> Void) throws {
        try readSequence(closing: UInt8(ascii: "]"), body)
    }

    /// From an opening `{` or `[` to its `closing` byte: elements separated by commas.
    private mutating func readSequence(closing: UInt8, _ element: (inout SlackMessageReader) throws -> Void) throws {
        index += 1  // the opening bracket
        skipWhitespace()
        if peek() == closing {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case closing:
                index += 1
                return
            default: throw Failure.syntax
            }
        }
    }

    /// Reads a key and classifies it by its bytes, without making a `String`.
    private mutating func readKey() throws -> Key {
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            if bytes[end] == UInt8(ascii: "\\") {
                // Escaped keys are not ours; skip them properly.
                try skipString()
                return .other
            }
            end += 1
        }
        guard end < bytes.count else { throw Failure.syntax }
        index = end + 1
        let key = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        func matches(_ literal: StaticString) -> Bool {
            literal.utf8CodeUnitCount == key.count && memcmp(literal.utf8Start, key.baseAddress!, key.count) == 0
        }
        switch key.count {
        case 2: return matches("ts") ? .ts : .other
        case 4:
            if matches("user") { return .user }
            if matches("text") { return .text }
            if matches("name") { return .name }
            return .other
        case 5:
            if matches("users") { return .users }
            if matches("count") { return .count }
            return .other
        case 6:
            if matches("bot_id") { return .botID }
            if matches("edited") { return .edited }
            return .other
        case 7: return matches("subtype") ? .subtype : .other
        case 9:
            if matches("thread_ts") { return .threadTS }
            if matches("reactions") { return .reactions }
            return .other
        case 14: return matches("parent_user_id") ? .parentUserID : .other
        default: return .other
        }
    }

    private mutating func readNull() throws -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try skipLiteral("null")
        return true
    }

    private mutating func readOptionalString(field: @autoclosure () -> String) throws -> String? {
        if try readNull() { return nil }
        return try readString(field: field())
    }

    private mutating func readString(field: @autoclosure () -> String) throws -> String {
        guard peek() == UInt8(ascii: "\"") else { throw Failure.type(field: field(), expected: "a string", offset: index) }
        let start = index + 1
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                index = position + 1
                return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            if byte < 0x20 { throw Failure.syntax }
            position += 1
        }
        throw Failure.syntax
    }

    /// The slow path for strings with escapes (`\n`, `\"`, `\u00e9`, surrogate pairs).
    private mutating func readEscapedString(from start: Int) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        var position = start
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                index = position + 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { throw Failure.syntax }
                switch bytes[position] {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4(at: position + 1)
                    position += 4
                    if scalar >= 0xD800 && scalar < 0xDC00, position + 6 < bytes.count,
                        bytes[position + 1] == UInt8(ascii: "\\"), bytes[position + 2] == UInt8(ascii: "u")
                    {
                        let low = try hex4(at: position + 3)
                        if low >= 0xDC00 && low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            position += 6
                        }
                    }
                    let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: String(character).utf8)
                default: throw Failure.syntax
                }
                position += 1
            default:
                if byte < 0x20 { throw Failure.syntax }
                out.append(byte)
                position += 1
            }
        }
        throw Failure.syntax
    }

    private func hex4(at start: Int) throws -> UInt32 {
        guard start + 4 <= bytes.count else { throw Failure.syntax }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[start + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Failure.syntax
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func readOptionalInt(field: @autoclosure () -> String) throws -> Int? {
        if try readNull() { return nil }
        let start = index
        guard let first = peek(), first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else {
            throw Failure.type(field: field(), expected: "a whole number", offset: index)
        }
        try skipNumber()
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Int(text) else { throw Failure.type(field: field(), expected: "a whole number", offset: start) }
        return value
    }

    // MARK: Skipping

    private mutating func skipValue() throws {
        guard let byte = peek() else { throw Failure.syntax }
        switch byte {
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "{"): try readObject { reader, _ in try reader.skipValue() }
        case UInt8(ascii: "["): try readArrayElements { reader in try reader.skipValue() }
        case UInt8(ascii: "t"): try skipLiteral("true")
        case UInt8(ascii: "f"): try skipLiteral("false")
        case UInt8(ascii: "n"): try skipLiteral("null")
        default: try skipNumber()
        }
    }

    private mutating func skipString() throws {
        var position = index + 1
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                index = position + 1
                return
            }
            if byte == UInt8(ascii: "\\") { position += 1 } else if byte < 0x20 { throw Failure.syntax }
            position += 1
        }
        throw Failure.syntax
    }

    private mutating func skipLiteral(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count,
            memcmp(literal.utf8Start, bytes.baseAddress! + index, count) == 0
        else { throw Failure.syntax }
        index += count
    }

    private mutating func skipNumber() throws {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        var digits = 0
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"): break
            default:
                guard digits > 0, index > start else { throw Failure.syntax }
                return
            }
            index += 1
        }
        guard digits > 0 else { throw Failure.syntax }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    /// What kind of JSON value starts at `offset`, for error messages.
    func describeValue(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of file" }
        switch bytes[offset] {
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "an array"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "true or false"
        case UInt8(ascii: "n"): return "null"
        case UInt8(ascii: "}"), UInt8(ascii: "]"): return "the end of the object"
        default: return "a number"
        }
    }
}
