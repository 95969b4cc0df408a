import Foundation

/// Reads a JSON file straight from its bytes, for the readers that decode only the fields
/// Heartbeat stores and skip the rest without building them (`SlackMessageReader`,
/// `SlackUserReader`): about five times faster than `JSONDecoder` with `Decodable`, which turns
/// every value of every element into boxed intermediate values.
///
/// The pieces here know JSON, not Slack: objects (with each key's raw bytes, so a reader
/// classifies its keys without making a `String`), arrays, strings with every escape, numbers,
/// literals, and skipping any value. Errors keep the importer's promise: a syntax error is located
/// by `JSONSyntaxLocator` (same wording as everywhere else), a wrong type names the element, the
/// field path and what was expected (`3:3 at [1].reactions[0].name: expected a string, found a
/// number`).
struct JSONByteReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var index = 0

    /// Thrown inside a reader; turned into an `ImportError` by `readArray`.
    enum Failure: Error {
        case syntax
        case type(field: String, expected: String, offset: Int)
    }

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Reads `data`, a top-level array (`expected` says of what, for the error), element by
    /// element with `element`, which starts at the element's first byte.
    static func readArray<Element>(
        _ data: Data, path: String, expected: String, element: (inout JSONByteReader) throws -> Element
    ) throws -> [Element] {
        try data.withUnsafeBytes { raw in
            var reader = JSONByteReader(bytes: raw)
            var elements: [Element] = []
            var elementStarts: [Int] = []
            do {
                reader.skipWhitespace()
                guard reader.peek() == UInt8(ascii: "[") else {
                    throw Failure.type(field: "", expected: expected, offset: reader.index)
                }
                try reader.readArrayElements { reader in
                    elementStarts.append(reader.index)
                    elements.append(try element(&reader))
                }
                reader.skipWhitespace()
                if reader.index != raw.count { throw Failure.syntax }
                return elements
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

    /// Reads an object, calling `body` with each key's bytes (nil for a key written with escapes,
    /// which no reader asks for) and the reader at its value, which `body` must consume.
    mutating func readObject(_ body: (inout JSONByteReader, UnsafeRawBufferPointer?) throws -> Void) throws {
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

    /// Reads an object whose keys are data rather than field names (Slack's custom profile
    /// fields), calling `body` with each key as a string.
    mutating func readObjectNamingKeys(_ body: (inout JSONByteReader, String) throws -> Void) throws {
        try readSequence(closing: UInt8(ascii: "}")) { reader in
            guard reader.peek() == UInt8(ascii: "\"") else { throw Failure.syntax }
            let key = try reader.readString(field: "")
            reader.skipWhitespace()
            guard reader.peek() == UInt8(ascii: ":") else { throw Failure.syntax }
            reader.index += 1
            reader.skipWhitespace()
            try body(&reader, key)
        }
    }

    /// Reads an array, calling `body` at each element, which it must consume.
    mutating func readArrayElements(_ body: (inout JSONByteReader) throws -> Void) throws {
        try readSequence(closing: UInt8(ascii: "]"), body)
    }

    /// From an opening `{` or `[` to its `closing` byte: elements separated by commas.
    private mutating func readSequence(closing: UInt8, _ element: (inout JSONByteReader) throws -> Void) throws {
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

    /// A key's bytes between its quotes, or nil when it holds an escape (skipped properly).
    private mutating func readKey() throws -> UnsafeRawBufferPointer? {
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            if bytes[end] == UInt8(ascii: "\\") {
                try skipString()
                return nil
            }
            end += 1
        }
        guard end < bytes.count else { throw Failure.syntax }
        index = end + 1
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    // MARK: Values

    /// Whether the value here is `null` (consumed) or not (left).
    mutating func readNull() throws -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try skipLiteral("null")
        return true
    }

    mutating func readOptionalString(field: @autoclosure () -> String) throws -> String? {
        if try readNull() { return nil }
        return try readString(field: field())
    }

    mutating func readString(field: @autoclosure () -> String) throws -> String {
        guard peek() == UInt8(ascii: "\"") else { throw Failure.type(field: field(), expected: "a string", offset: index) }
        let start = index + 1
        let position = stringStop(from: start)
        guard position < bytes.count else { throw Failure.syntax }
        switch bytes[position] {
        case UInt8(ascii: "\""):
            index = position + 1
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        case UInt8(ascii: "\\"): return try readEscapedString(from: start)
        default: throw Failure.syntax
        }
    }

    /// The first position from `start` holding a byte a string cannot simply continue with (`"`,
    /// a backslash, or a control character), or the end: 16 bytes at a time, then byte by byte.
    /// Byte by byte, scanning strings was a fifth of the Slack parser's samples (texts average 91
    /// bytes in the 1M bench).
    @inline(__always)
    private func stringStop(from start: Int) -> Int {
        var position = start
        let quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
        let backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
        let space = SIMD16<UInt8>(repeating: 0x20)
        while position + 16 <= bytes.count {
            let chunk = bytes.loadUnaligned(fromByteOffset: position, as: SIMD16<UInt8>.self)
            if any((chunk .== quote) .| (chunk .== backslash) .| (chunk .< space)) { break }
            position += 16
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return position }
            position += 1
        }
        return position
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

    mutating func readOptionalInt(field: @autoclosure () -> String) throws -> Int? {
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

    mutating func readOptionalBool(field: @autoclosure () -> String) throws -> Bool? {
        switch peek() {
        case UInt8(ascii: "t"):
            try skipLiteral("true")
            return true
        case UInt8(ascii: "f"):
            try skipLiteral("false")
            return false
        case UInt8(ascii: "n"):
            try skipLiteral("null")
            return nil
        default: throw Failure.type(field: field(), expected: "true or false", offset: index)
        }
    }

    /// Whether the value here starts with `byte` (`{`, `[`, `"`), without consuming it.
    func startsWith(_ byte: UInt8) -> Bool { peek() == byte }

    /// Throws "expected `expected`" at `field` unless the value here starts with `byte`.
    func require(_ byte: UInt8, field: @autoclosure () -> String, expected: String) throws {
        guard peek() == byte else { throw Failure.type(field: field(), expected: expected, offset: index) }
    }

    // MARK: Skipping

    mutating func skipValue() throws {
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
        while true {
            position = stringStop(from: position)
            guard position < bytes.count else { throw Failure.syntax }
            switch bytes[position] {
            case UInt8(ascii: "\""):
                index = position + 1
                return
            case UInt8(ascii: "\\"): position += 2  // the escaped byte, whatever it is
            default: throw Failure.syntax
            }
        }
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

extension UnsafeRawBufferPointer {
    /// Whether these bytes (a key read by `JSONByteReader`) spell `literal`.
    @inline(__always)
    func spells(_ literal: StaticString) -> Bool {
        literal.utf8CodeUnitCount == count && memcmp(literal.utf8Start, baseAddress!, count) == 0
    }
}
