/// Finds *where* a JSON document is wrong, which Foundation's decoder does not say. Run only after
/// a decode failed, so its speed does not matter; it never allocates per value.
struct JSONSyntaxLocator {
    struct SyntaxError: Error, Equatable {
        var offset: Int
        var expected: String
    }

    private let bytes: [UInt8]
    private var index = 0
    /// Byte offsets where the elements of the top-level array start.
    private(set) var topLevelElementOffsets: [Int] = []

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// `nil` when the document is well-formed JSON.
    mutating func firstError() -> SyntaxError? {
        index = 0
        topLevelElementOffsets = []
        do {
            skipWhitespace()
            try value(depth: 0)
            skipWhitespace()
            if index < bytes.count { throw SyntaxError(offset: index, expected: "end of document") }
            return nil
        } catch let error as SyntaxError {
            return error
        } catch {
            return SyntaxError(offset: index, expected: "valid JSON")
        }
    }

    /// The `malformed-json` error for the first syntax error in `bytes`, or `nil` when they are
    /// well-formed. The one place every reader turns a syntax error into words.
    static func malformedError(in bytes: [UInt8], path: String) -> ImportError? {
        var locator = JSONSyntaxLocator(bytes)
        guard let syntax = locator.firstError() else { return nil }
        let (line, column) = locator.lineAndColumn(of: syntax.offset)
        return .malformedJSON(path, position: "\(line):\(column)", detail: syntax.expected)
    }

    /// 1-based line and column (in bytes) of an offset.
    func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var position = 0
        let end = min(offset, bytes.count)
        while position < end {
            if bytes[position] == UInt8(ascii: "\n") {
                line += 1
                lineStart = position + 1
            }
            position += 1
        }
        return (line, end - lineStart + 1)
    }

    /// `line L, column C` of the start of top-level array element `element` (needs `firstError()` run).
    func position(ofElement element: Int) -> String? {
        guard element >= 0, element < topLevelElementOffsets.count else { return nil }
        let (line, column) = lineAndColumn(of: topLevelElementOffsets[element])
        return "\(line):\(column)"
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private func fail(_ expected: String) -> SyntaxError {
        let found = index < bytes.count ? "found '\(String(decoding: [bytes[index]], as: UTF8.self))'" : "found end of file"
        return SyntaxError(offset: index, expected: "expected \(expected), \(found)")
    }

    private mutating func value(depth: Int) throws {
        guard depth < 512 else { throw fail("less nesting") }
        guard index < bytes.count else { throw fail("a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw fail("a value")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        for offset in 0..<count {
            guard index + offset < bytes.count, bytes[index + offset] == word.utf8Start[offset] else {
                index += offset
                throw fail("'\(word)'")
            }
        }
        index += count
    }

    private mutating func number() throws {
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0 else { throw fail("a digit") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw fail("a digit after '.'") }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw fail("an exponent") }
        }
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
        return index - start
    }

    private mutating func string() throws {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return
            }
            if byte < 0x20 { throw fail("a closing '\"' (control character inside a string)") }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { break }
                if bytes[index] == UInt8(ascii: "u") {
                    for _ in 0..<4 {
                        index += 1
                        guard index < bytes.count, isHex(bytes[index]) else { throw fail("four hex digits after \\u") }
                    }
                } else if !"\"\\/bfnrt".utf8.contains(bytes[index]) {
                    throw fail("a valid escape")
                }
            }
            index += 1
        }
        throw fail("a closing '\"'")
    }

    private func isHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }

    private mutating func array(depth: Int) throws {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            if depth == 0 { topLevelElementOffsets.append(index) }
            try value(depth: depth + 1)
            skipWhitespace()
            guard index < bytes.count else { throw fail("',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return
            }
            throw fail("',' or ']'")
        }
    }

    private mutating func object(depth: Int) throws {
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("a key in quotes") }
            try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("':'") }
            index += 1
            skipWhitespace()
            try value(depth: depth + 1)
            skipWhitespace()
            guard index < bytes.count else { throw fail("',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return
            }
            throw fail("',' or '}'")
        }
    }
}
