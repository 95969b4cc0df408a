/// Words and two-word phrases of a message, the unit of every text analysis (topics, focus
/// alignment, segment terms, near-identical messages).
///
/// Rules (quoted in the README): text is lower-cased; Slack markup is removed: `<…>`
/// (mentions, channel links, URLs), `:emoji_codes:`, code blocks (```` ``` ````…```` ``` ````) and
/// inline `code`, and HTML entities (`&amp;`); a *word* is a run of letters and digits (non-ASCII
/// letters included) of at least two characters that is not only digits and not a stop word; a
/// *phrase* is two words that stand next to each other with no stop word, punctuation or markup
/// between them ("how to quantize a model" has the words quantize and model, and no phrase).
public enum TextTerms {
    /// Words and (with `phrases`) two-word phrases, in order of appearance, repeats kept.
    public static func terms(in text: String, phrases: Bool = true) -> [String] {
        var terms: [String] = []
        var previous: String?
        scan(text) { word in
            guard let word else {
                previous = nil
                return
            }
            terms.append(word)
            if phrases, let before = previous { terms.append(before + " " + word) }
            previous = word
        }
        return terms
    }

    /// Terms a user typed (focus terms, segment terms) as `terms(in:)` writes them: lower-cased,
    /// a phrase as its first two words ("Google Play" → "google play"), without repeats. A term
    /// made only of stop words or markup is kept lower-cased as typed, so it is reported unused
    /// rather than dropped.
    public static func normalized(_ typed: [String]) -> [String] {
        var seen = Set<String>()
        return typed.compactMap { raw in
            let words = terms(in: raw, phrases: false)
            let term = words.isEmpty ? raw.lowercased() : words.prefix(2).joined(separator: " ")
            return term.isEmpty || !seen.insert(term).inserted ? nil : term
        }
    }

    /// The text with digits replaced by `#`, lower-cased, markup removed and whitespace collapsed:
    /// two messages are *near-identical* when these are equal ("Build 41 passed" and "build 42
    /// passed").
    public static func nearIdenticalKey(_ text: String) -> String {
        var key: [UInt8] = []
        nearIdenticalKey(text, into: &key)
        return String(decoding: key, as: UTF8.self)
    }

    /// `nearIdenticalKey(_:)` as UTF-8 bytes written into `key` (emptied first), so a caller
    /// keying many messages reuses one buffer instead of making a `String` per message.
    public static func nearIdenticalKey(_ text: String, into key: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // Written through a pointer into room for the whole text: the key is never longer (a
            // byte adds at most itself, and a pending space only after a whitespace byte added none).
            key.removeAll(keepingCapacity: true)
            key.append(contentsOf: repeatElement(0, count: bytes.count))
            let length = key.withUnsafeMutableBufferPointer { out -> Int in
                var length = 0
                var pendingSpace = false
                for byte in bytes {
                    switch byte {
                    case 0x30...0x39:
                        if pendingSpace, length > 0 {
                            out[length] = 0x20
                            length += 1
                        }
                        pendingSpace = false
                        if length == 0 || out[length - 1] != UInt8(ascii: "#") {
                            out[length] = UInt8(ascii: "#")
                            length += 1
                        }
                    case 0x20, 0x09, 0x0A, 0x0D:
                        pendingSpace = true
                    default:
                        if pendingSpace, length > 0 {
                            out[length] = 0x20
                            length += 1
                        }
                        pendingSpace = false
                        out[length] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                        length += 1
                    }
                }
                return length
            }
            key.removeLast(key.count - length)
        }
    }

    /// Calls `emit` with each word, and with `nil` where a phrase must not span (stop word,
    /// punctuation, markup).
    static func scan(_ text: String, _ emit: (String?) -> Void) {
        scanWords(text) { word, isASCII in
            guard let word else { return emit(nil) }
            var string = String(decoding: word, as: UTF8.self)
            if !isASCII { string = string.lowercased() }
            emit(stopWords.contains(string) ? nil : string)
        }
    }

    /// The byte-level scanner behind every term function: calls `emit` with each candidate word's
    /// bytes (ASCII letters lower-cased; `isASCII` false when the caller must still lower-case the
    /// rest as a `String`), and with `nil` where a phrase must not span (punctuation, markup, a run
    /// of digits, a one-byte word). Stop words are the caller's to drop. The bytes are valid only
    /// during the call, and point into the text itself unless a letter had to be lower-cased.
    @inline(__always)
    static func scanWords(_ text: String, _ emit: (_ word: UnsafeBufferPointer<UInt8>?, _ isASCII: Bool) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            // The table by pointer: read per byte, `byteClasses` would be a lazy global check each time.
            Self.byteClasses.withUnsafeBufferPointer { byteClasses in
                let count = bytes.count
                var index = 0
                var lowered: [UInt8] = []
                func skip(past terminator: UInt8, from start: Int) -> Int {
                    var position = start
                    while position < count, bytes[position] != terminator { position += 1 }
                    return min(count, position + 1)
                }
                while index < count {
                    let byte = bytes[index]
                    if isWordByte(byte) {
                        let start = index
                        // The union of the word's byte classes tells digits-only, upper-case, ASCII.
                        var classes: UInt8 = 0
                        while index < count {
                            let byteClass = byteClasses[Int(bytes[index])]
                            guard byteClass != 0 else { break }
                            classes |= byteClass
                            index += 1
                        }
                        let ascii = classes & Self.nonASCIIClass == 0
                        if classes == Self.wordClass | Self.digitClass || index - start < 2 {
                            emit(nil, true)
                        } else if classes & Self.upperClass != 0 {
                            lowered.removeAll(keepingCapacity: true)
                            for letter in bytes[start..<index] { lowered.append(letter >= 0x41 && letter <= 0x5A ? letter + 0x20 : letter) }
                            lowered.withUnsafeBufferPointer { emit($0, ascii) }
                        } else {
                            emit(UnsafeBufferPointer(rebasing: bytes[start..<index]), ascii)
                        }
                        continue
                    }
                    switch byte {
                    case 0x20, 0x09, 0x0A, 0x0D:
                        index += 1
                        continue
                    case UInt8(ascii: "<"):
                        index = skip(past: UInt8(ascii: ">"), from: index + 1)
                    case UInt8(ascii: "`"):
                        if index + 2 < count, bytes[index + 1] == UInt8(ascii: "`"), bytes[index + 2] == UInt8(ascii: "`") {
                            var position = index + 3
                            while position + 2 < count,
                                !(bytes[position] == UInt8(ascii: "`") && bytes[position + 1] == UInt8(ascii: "`")
                                    && bytes[position + 2] == UInt8(ascii: "`"))
                            {
                                position += 1
                            }
                            index = min(count, position + 3)
                        } else {
                            index = skip(past: UInt8(ascii: "`"), from: index + 1)
                        }
                    case UInt8(ascii: ":"):
                        var position = index + 1
                        while position < count, isEmojiNameByte(bytes[position]) { position += 1 }
                        index = position < count && position > index + 1 && bytes[position] == UInt8(ascii: ":") ? position + 1 : index + 1
                    case UInt8(ascii: "&"):
                        var position = index + 1
                        while position < count, position < index + 8, isWordByte(bytes[position]) { position += 1 }
                        index = position < count && bytes[position] == UInt8(ascii: ";") ? position + 1 : index + 1
                    default:
                        index += 1
                    }
                    emit(nil, true)
                }
            }
        }
    }

    /// Byte classes of the scanner: 0 for a byte that is not part of a word, else `wordClass` with
    /// the kind of byte added.
    static let wordClass: UInt8 = 1
    static let digitClass: UInt8 = 2
    static let upperClass: UInt8 = 4
    static let nonASCIIClass: UInt8 = 8
    static let lowerClass: UInt8 = 16
    static let byteClasses: [UInt8] = (0...255).map { (byte: Int) -> UInt8 in
        switch byte {
        case 0x30...0x39: wordClass | digitClass
        case 0x41...0x5A: wordClass | upperClass
        case 0x61...0x7A: wordClass | lowerClass
        case 0x80...: wordClass | nonASCIIClass
        default: 0
        }
    }

    @inline(__always) static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
    }

    @inline(__always) static func isEmojiNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    /// English function words and chat filler that say nothing about a topic.
    public static let stopWords: Set<String> = [
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "anyone",
        "anything", "are", "aren", "as", "at", "be", "because", "been", "before", "being", "below", "between",
        "both", "but", "by", "can", "cannot", "could", "couldn", "did", "didn", "do", "does", "doesn", "doing",
        "don", "down", "during", "each", "else", "even", "ever", "every", "few", "for", "from", "further", "get",
        "gets", "getting", "got", "had", "hadn", "has", "hasn", "have", "haven", "having", "he", "hello", "her",
        "here", "hers", "herself", "hey", "hi", "him", "himself", "his", "how", "however", "if", "in", "into",
        "is", "isn", "it", "its", "itself", "just", "know", "let", "like", "ll", "lol", "make", "many", "may",
        "me", "might", "more", "most", "much", "must", "my", "myself", "need", "no", "nor", "not", "now", "of",
        "off", "ok", "okay", "on", "once", "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over",
        "own", "please", "pls", "re", "really", "same", "see", "she", "should", "shouldn", "since", "so", "some",
        "someone", "something", "still", "such", "sure", "than", "thank", "thanks", "thx", "that", "the", "their",
        "theirs", "them", "themselves", "then", "there", "these", "they", "thing", "things", "think", "this",
        "those", "through", "to", "too", "try", "trying", "under", "until", "up", "us", "use", "used", "using",
        "ve", "very", "via", "want", "was", "wasn", "way", "we", "well", "were", "weren", "what", "when", "where",
        "whether", "which", "while", "who", "whom", "why", "will", "with", "won", "would", "wouldn", "yeah", "yes",
        "yet", "you", "your", "yours", "yourself", "yourselves",
    ]
}
