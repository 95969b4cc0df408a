#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides whether a root message "looks like a question", the basis of the unanswered-questions
/// list. Definition (quoted in the README): after removing code (```…``` and `…`) and Slack markup
/// in angle brackets (`<@U1>`, `<https://…|label>`), the text contains a `?`, or its first word is one of `how why what when where which who whom whose does do did can
/// could is are should would will anyone anybody`.
public enum QuestionHeuristic {
    static let interrogatives: Set<String> = [
        "how", "why", "what", "when", "where", "which", "who", "whom", "whose", "does", "do", "did",
        "can", "could", "is", "are", "should", "would", "will", "anyone", "anybody",
    ]

    /// One pass over the UTF-8 bytes, without copying them: the import asks this of every
    /// message, and the earlier version (a copy of the text, a second array of the visible bytes,
    /// a third for the first word) was one of the parser's largest costs.
    public static func looksLikeQuestion(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { looksLikeQuestion(bytes: $0) }
    }

    static func looksLikeQuestion(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most messages hold neither code nor markup (93 % of the 1M bench's): then the answer is
        // a `?` anywhere or the first word, found with `memchr` (vectorised) instead of a loop
        // over every byte (5.7 % of the Slack parser's samples).
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        if memchr(base, Int32(UInt8(ascii: "`")), bytes.count) == nil, memchr(base, Int32(UInt8(ascii: "<")), bytes.count) == nil {
            if memchr(base, Int32(UInt8(ascii: "?")), bytes.count) != nil { return true }
            return firstWordIsInterrogative(bytes)
        }
        return looksLikeQuestionScanning(bytes: bytes)
    }

    /// Whether the first word (after leading spaces, tabs and newlines, letters only) is one of
    /// the interrogatives: the first-word rule of `looksLikeQuestionScanning` for a text without
    /// code or markup.
    static func firstWordIsInterrogative(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count,
            bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\t")
        {
            index += 1
        }
        var word: UInt64 = 0
        var length = 0
        while index < bytes.count {
            let lower = bytes[index] | 0x20
            guard lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") else { break }
            guard length < 8 else { return false }
            word |= UInt64(lower) << (8 * UInt64(length))
            length += 1
            index += 1
        }
        return length > 0 && interrogativeWords.contains(word)
    }

    /// The definition byte by byte, skipping code and markup: the reference the fast path of
    /// `looksLikeQuestion(bytes:)` is tested against, and what it falls back to.
    static func looksLikeQuestionScanning(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // The first word of the visible text, lowercased; longer than any interrogative = no match.
        var word: (UInt64, Int) = (0, 0)
        var wordDone = false
        var wordTooLong = false
        /// Feeds one visible byte to the first-word scanner.
        func see(_ byte: UInt8) {
            guard !wordDone else { return }
            let lower = byte | 0x20
            if lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") {
                if word.1 < 8 { word.0 |= UInt64(lower) << (8 * UInt64(word.1)) } else { wordTooLong = true }
                word.1 += 1
            } else if word.1 > 0 || (byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\t")) {
                wordDone = true
            }
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "`") {
                let isFence = index + 2 < bytes.count && bytes[index + 1] == byte && bytes[index + 2] == byte
                let width = isFence ? 3 : 1
                if let close = find(bytes, tick: width, from: index + width) {
                    index = close + width
                    see(UInt8(ascii: " "))
                    continue
                }
            } else if byte == UInt8(ascii: "<"), let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) {
                index = close + 1
                see(UInt8(ascii: " "))
                continue
            }
            if byte == UInt8(ascii: "?") { return true }
            see(byte)
            index += 1
        }
        return !wordTooLong && word.1 > 0 && interrogativeWords.contains(word.0)
    }

    /// The interrogatives packed as up to eight little-endian bytes, the form `looksLikeQuestion`
    /// builds for the first word.
    private static let interrogativeWords: Set<UInt64> = Set(
        interrogatives.map { word in
            word.utf8.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        })

    private static func find(_ bytes: UnsafeBufferPointer<UInt8>, tick width: Int, from start: Int) -> Int? {
        var index = start
        while index + width <= bytes.count {
            var match = true
            for offset in 0..<width where bytes[index + offset] != UInt8(ascii: "`") {
                match = false
                break
            }
            if match { return index }
            index += 1
        }
        return nil
    }
}
