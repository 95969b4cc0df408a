/// A TOML 1.0 reader for `heartbeat.toml`: comments, bare/quoted/dotted keys, basic, literal and
/// multi-line strings with escapes, integers (decimal, hex, octal, binary, `_` separators), floats
/// (`inf`, `nan`), booleans, arrays, inline tables, `[tables]` and `[[arrays of tables]]`. Dates and
/// times parse as an error: no Heartbeat setting is a date. Written here because the listed TOML
/// package depends on a package that is not available to our builds.
public struct TOMLParser {
    /// A syntax error at a 1-based line and column.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): \(message)" }
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var root = TOMLTable()
    /// Path of the table that key/value lines go into.
    private var current: [String] = []
    /// Paths created with `[[…]]`, so `[a.b]` after `[[a]]` means "in the last element of a".
    private var definedTables = Set<[String]>()

    /// Parses a whole document.
    public static func parse(_ text: String) throws(SyntaxError) -> TOMLTable {
        var parser = TOMLParser(bytes: Array(text.utf8))
        return try parser.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: Document structure

    private mutating func document() throws(SyntaxError) -> TOMLTable {
        while true {
            skipBlankLinesAndComments()
            guard index < bytes.count else { break }
            if bytes[index] == UInt8(ascii: "[") {
                let headerLine = line
                if peek(1) == UInt8(ascii: "[") {
                    index += 2
                    skipSpaces()
                    let path = try key()
                    skipSpaces()
                    try expect("]]")
                    try openArrayTable(path, line: headerLine)
                } else {
                    index += 1
                    skipSpaces()
                    let path = try key()
                    skipSpaces()
                    try expect("]")
                    try openTable(path, line: headerLine)
                }
            } else {
                let keyLine = line
                let path = try key()
                skipSpaces()
                try expect("=")
                skipSpaces()
                let value = try value()
                try assign(current + path, value, line: keyLine)
            }
            try endOfLine()
        }
        return root
    }

    private mutating func openTable(_ path: [String], line: Int) throws(SyntaxError) {
        let joined = path.joined(separator: ".")
        try Self.withTable(&root, path[...], line: line) { (table) throws(SyntaxError) in
            if table.isExplicit || table.isInline { throw SyntaxError(line: line, column: 1, message: "table [\(joined)] is defined twice") }
            table.isExplicit = true
        } onError: { SyntaxError(line: line, column: 1, message: $0) }
        definedTables.insert(path)
        current = path
    }

    private mutating func openArrayTable(_ path: [String], line: Int) throws(SyntaxError) {
        let parent = Array(path.dropLast())
        let name = path[path.count - 1]
        try Self.withTable(&root, parent[...], line: line) { (table) throws(SyntaxError) in
            switch table[name] {
            case nil:
                var element = TOMLTable()
                element.isExplicit = true
                table.set(name, .array([.table(element)]), line: line)
            case .array(var items)?:
                var element = TOMLTable()
                element.isExplicit = true
                items.append(.table(element))
                table.set(name, .array(items), line: table.lines[name] ?? line)
            case let other?:
                throw SyntaxError(line: line, column: 1, message: "[[\(path.joined(separator: "."))]] names \(other.typeName), not an array of tables")
            }
        } onError: { SyntaxError(line: line, column: 1, message: $0) }
        current = path
    }

    private mutating func assign(_ path: [String], _ value: TOMLValue, line: Int) throws(SyntaxError) {
        let name = path[path.count - 1]
        let column = index - lineStart
        try Self.withTable(&root, path.dropLast(), line: line) { (table) throws(SyntaxError) in
            if table[name] != nil {
                throw SyntaxError(line: line, column: column, message: "key '\(path.joined(separator: "."))' is defined twice")
            }
            table.set(name, value, line: line)
        } onError: { SyntaxError(line: line, column: 1, message: $0) }
    }

    /// Runs `body` on the table at `path`, creating implicit tables on the way and descending into
    /// the last element of an array of tables.
    private static func withTable(
        _ table: inout TOMLTable, _ path: ArraySlice<String>, line: Int,
        _ body: (inout TOMLTable) throws(SyntaxError) -> Void, onError: (String) -> SyntaxError
    ) throws(SyntaxError) {
        guard let first = path.first else {
            try body(&table)
            return
        }
        let definedLine = table.lines[first] ?? line
        switch table[first] {
        case nil:
            var child = TOMLTable()
            try withTable(&child, path.dropFirst(), line: line, body, onError: onError)
            table.set(first, .table(child), line: definedLine)
        case .table(var child)?:
            if child.isInline { throw onError("inline table '\(first)' cannot be extended") }
            try withTable(&child, path.dropFirst(), line: line, body, onError: onError)
            table.set(first, .table(child), line: definedLine)
        case .array(var items)?:
            guard case .table(var last)? = items.last else {
                throw onError("key '\(first)' is an array of values, not a table")
            }
            try withTable(&last, path.dropFirst(), line: line, body, onError: onError)
            items[items.count - 1] = .table(last)
            table.set(first, .array(items), line: definedLine)
        case let other?:
            throw onError("key '\(first)' is already \(other.typeName), not a table")
        }
    }

    // MARK: Keys

    private mutating func key() throws(SyntaxError) -> [String] {
        var parts: [String] = []
        while true {
            guard index < bytes.count else { throw error("expected a key, found the end of the file") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                parts.append(try basicString())
            } else if byte == UInt8(ascii: "'") {
                index += 1
                parts.append(try literalString())
            } else {
                let start = index
                while index < bytes.count, Self.isBareKeyByte(bytes[index]) { index += 1 }
                guard index > start else { throw error("expected a key, found \(describeHere())") }
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }
            skipSpaces()
            guard peek(0) == UInt8(ascii: ".") else { return parts }
            index += 1
            skipSpaces()
        }
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    // MARK: Values

    private mutating func value() throws(SyntaxError) -> TOMLValue {
        guard index < bytes.count else { throw error("expected a value, found the end of the file") }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                index += 3
                return .string(try multilineBasicString())
            }
            index += 1
            return .string(try basicString())
        case UInt8(ascii: "'"):
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                index += 3
                return .string(try multilineLiteralString())
            }
            index += 1
            return .string(try literalString())
        case UInt8(ascii: "["):
            index += 1
            return try array()
        case UInt8(ascii: "{"):
            index += 1
            return try inlineTable()
        default:
            return try scalar()
        }
    }

    private mutating func array() throws(SyntaxError) -> TOMLValue {
        var items: [TOMLValue] = []
        while true {
            skipBlankLinesAndComments()
            if peek(0) == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            items.append(try value())
            skipBlankLinesAndComments()
            if peek(0) == UInt8(ascii: ",") {
                index += 1
            } else if peek(0) == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            } else {
                throw error("expected ',' or ']' in an array, found \(describeHere())")
            }
        }
    }

    private mutating func inlineTable() throws(SyntaxError) -> TOMLValue {
        var table = TOMLTable()
        skipSpaces()
        if peek(0) == UInt8(ascii: "}") {
            index += 1
            table.isInline = true
            return .table(table)
        }
        while true {
            skipSpaces()
            let keyLine = line
            let path = try key()
            skipSpaces()
            try expect("=")
            skipSpaces()
            let item = try value()
            let name = path[path.count - 1]
            try Self.withTable(&table, path.dropLast(), line: keyLine) { (inner) throws(SyntaxError) in
                if inner[name] != nil { throw SyntaxError(line: keyLine, column: 1, message: "key '\(name)' is defined twice") }
                inner.set(name, item, line: keyLine)
            } onError: { SyntaxError(line: keyLine, column: 1, message: $0) }
            skipSpaces()
            if peek(0) == UInt8(ascii: ",") {
                index += 1
            } else if peek(0) == UInt8(ascii: "}") {
                index += 1
                table.isInline = true
                return .table(table)
            } else {
                throw error("expected ',' or '}' in an inline table, found \(describeHere())")
            }
        }
    }

    private mutating func scalar() throws(SyntaxError) -> TOMLValue {
        let start = index
        while index < bytes.count, Self.isScalarByte(bytes[index]) { index += 1 }
        let word = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !word.isEmpty else { throw error("expected a value, found \(describeHere())") }
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        if word.contains(":") || (word.count >= 10 && word.dropFirst(4).first == "-") {
            throw error("'\(word)' looks like a date or time; no Heartbeat setting takes one (quote it to make it a string)", column: start)
        }
        let digits = word.replacingUnderscores()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
            guard let number = Int64(digits.dropFirst(2), radix: radix) else {
                throw error("'\(word)' is not a valid number", column: start)
            }
            return .integer(number)
        }
        if let number = Int64(digits) { return .integer(number) }
        if digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let number = Double(digits) {
            return .float(number)
        }
        throw error("'\(word)' is not a value (strings need quotes: \"\(word)\")", column: start)
    }

    private static func isScalarByte(_ byte: UInt8) -> Bool {
        isBareKeyByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    // MARK: Strings

    private mutating func basicString() throws(SyntaxError) -> String {
        var scalars: [UInt8] = []
        while true {
            guard index < bytes.count, bytes[index] != UInt8(ascii: "\n") else {
                throw error("unterminated string (a string must close on the same line; use \"\"\" for several lines)")
            }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: scalars, as: UTF8.self) }
            if byte == UInt8(ascii: "\\") {
                try escape(into: &scalars)
            } else {
                scalars.append(byte)
            }
        }
    }

    private mutating func multilineBasicString() throws(SyntaxError) -> String {
        var scalars: [UInt8] = []
        skipOneNewline()
        while true {
            guard index < bytes.count else { throw error("unterminated multi-line string (missing \"\"\")") }
            if bytes[index] == UInt8(ascii: "\""), peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                index += 3
                // Up to two quotes may directly precede the closing delimiter.
                while peek(0) == UInt8(ascii: "\"") {
                    scalars.append(UInt8(ascii: "\""))
                    index += 1
                }
                return String(decoding: scalars, as: UTF8.self)
            }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\\") {
                // A backslash at the end of a line trims the newline and leading whitespace.
                var probe = index
                while probe < bytes.count, bytes[probe] == 0x20 || bytes[probe] == 0x09 || bytes[probe] == 0x0D { probe += 1 }
                if probe < bytes.count, bytes[probe] == 0x0A {
                    index = probe
                    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
                        if bytes[index] == 0x0A { newLine(at: index) }
                        index += 1
                    }
                    continue
                }
                try escape(into: &scalars)
            } else {
                if byte == 0x0A { newLine(at: index - 1) }
                scalars.append(byte)
            }
        }
    }

    private mutating func literalString() throws(SyntaxError) -> String {
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "'") {
            if bytes[index] == 0x0A { throw error("unterminated string (a literal string must close on the same line)") }
            index += 1
        }
        guard index < bytes.count else { throw error("unterminated string") }
        defer { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func multilineLiteralString() throws(SyntaxError) -> String {
        skipOneNewline()
        let start = index
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "'"), peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                var end = index
                index += 3
                while peek(0) == UInt8(ascii: "'") {
                    index += 1
                    end += 1
                }
                return String(decoding: bytes[start..<end], as: UTF8.self)
            }
            if bytes[index] == 0x0A { newLine(at: index) }
            index += 1
        }
        throw error("unterminated multi-line string (missing ''')")
    }

    private mutating func escape(into scalars: inout [UInt8]) throws(SyntaxError) {
        guard index < bytes.count else { throw error("unterminated string") }
        let code = bytes[index]
        index += 1
        switch code {
        case UInt8(ascii: "b"): scalars.append(0x08)
        case UInt8(ascii: "t"): scalars.append(0x09)
        case UInt8(ascii: "n"): scalars.append(0x0A)
        case UInt8(ascii: "f"): scalars.append(0x0C)
        case UInt8(ascii: "r"): scalars.append(0x0D)
        case UInt8(ascii: "e"): scalars.append(0x1B)
        case UInt8(ascii: "\""): scalars.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): scalars.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let length = code == UInt8(ascii: "u") ? 4 : 8
            guard index + length <= bytes.count,
                let value = UInt32(String(decoding: bytes[index..<index + length], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(value)
            else { throw error("invalid unicode escape") }
            index += length
            scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw error("invalid escape '\\\(Character(Unicode.Scalar(code)))'")
        }
    }

    // MARK: Whitespace and positions

    private func peek(_ offset: Int) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    }

    private mutating func skipComment() {
        guard peek(0) == UInt8(ascii: "#") else { return }
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
    }

    private mutating func skipBlankLinesAndComments() {
        while index < bytes.count {
            skipSpaces()
            skipComment()
            if peek(0) == 0x0D, peek(1) == 0x0A { index += 1 }
            guard peek(0) == 0x0A else { return }
            newLine(at: index)
            index += 1
        }
    }

    private mutating func skipOneNewline() {
        if peek(0) == 0x0D, peek(1) == 0x0A { index += 1 }
        if peek(0) == 0x0A {
            newLine(at: index)
            index += 1
        }
    }

    private mutating func endOfLine() throws(SyntaxError) {
        skipSpaces()
        skipComment()
        if peek(0) == 0x0D { index += 1 }
        guard index < bytes.count else { return }
        guard bytes[index] == 0x0A else { throw error("expected the end of the line, found \(describeHere())") }
        newLine(at: index)
        index += 1
    }

    private mutating func expect(_ text: String) throws(SyntaxError) {
        for byte in text.utf8 {
            guard peek(0) == byte else { throw error("expected '\(text)', found \(describeHere())") }
            index += 1
        }
    }

    private mutating func newLine(at position: Int) {
        line += 1
        lineStart = position + 1
    }

    private func describeHere() -> String {
        guard index < bytes.count else { return "the end of the file" }
        if bytes[index] == 0x0A { return "the end of the line" }
        let end = min(bytes.count, index + 12)
        let fragment = String(decoding: bytes[index..<end], as: UTF8.self).prefix { $0 != "\n" }
        return "'\(fragment)'"
    }

    private func error(_ message: String, column: Int? = nil) -> SyntaxError {
        SyntaxError(line: line, column: (column ?? index) - lineStart + 1, message: message)
    }

}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
