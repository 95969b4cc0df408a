/// The terms of `TextTerms` (words and two-word phrases) interned to dense ids, so an analysis over
/// many messages counts in arrays indexed by term instead of hashing a new `String` per word.
///
/// Each message is scanned once as UTF-8 bytes: an ASCII word is looked up by its bytes (no
/// `String` is made), a phrase by its two word ids. Words with other letters go through `String`
/// (lower-cased and compared as `String`s compare, by canonical equivalence), exactly as
/// `TextTerms.terms(in:)` treats them. A term's name is its spelling when first interned, so
/// interning messages in order names every term as the first message using it spells it.
public struct TermVocabulary: Sendable {
    /// ASCII words (and stop words), by their bytes.
    private var asciiWords = ByteStringTable(minimumCapacity: 1024)
    /// Term id per `asciiWords` entry; `stop` for a stop word.
    private var termOfASCIIWord: [Int32] = []
    /// Words with non-ASCII letters, lower-cased, to their term id (or `stop`).
    private var otherWords: [String: Int32] = [:]
    /// Phrases, keyed `first word id << 32 | second word id`.
    private var phraseKeys = IntegerKeyTable(minimumCapacity: 1024)
    /// Term id per `phraseKeys` entry.
    private var termOfPhrase: [Int32] = []
    /// Per term: the `asciiWords` entry of an ASCII word, `-1 - phraseKeys entry` for a phrase, or
    /// `Int32.min` for a word spelled with non-ASCII letters (named in `spelledNames`).
    private var origin: [Int32] = []
    /// Names that cannot be rebuilt from the bytes: words with non-ASCII letters, and phrases
    /// containing one, as first spelled.
    private var spelledNames: [Int32: String] = [:]

    private static let stop: Int32 = -2
    private static let unknown: Int32 = -3

    public init() {
        for word in TextTerms.stopWords {
            var word = word
            let entry = word.withUTF8 { asciiWords.intern($0) }
            if Int(entry) == termOfASCIIWord.count { termOfASCIIWord.append(Self.stop) }
        }
    }

    /// The number of terms; ids are `0..<count`, in order of first appearance.
    public var count: Int { origin.count }

    /// Appends to `ids` the id of each term of `text`, in the order and with the repeats of
    /// `TextTerms.terms(in:phrases:)`, interning terms not seen before.
    public mutating func intern(termsOf text: String, phrases: Bool = true, into ids: inout [Int32]) {
        var previous: Int32 = -1
        var previousSpelling: String?
        TextTerms.scanWords(text) { bytes, isASCII in
            guard let bytes else {
                previous = -1
                return
            }
            let (word, spelling) = isASCII ? (internASCIIWord(bytes), nil) : internOtherWord(bytes)
            guard word >= 0 else {
                previous = -1
                return
            }
            ids.append(word)
            if phrases, previous >= 0 {
                ids.append(internPhrase(previous, word, spellings: (previousSpelling, spelling)))
            }
            previous = word
            previousSpelling = spelling
        }
    }

    /// Appends to `ids` the id of each term of `text` that is already in the vocabulary, in order,
    /// with repeats: a look-up for a fixed list of terms (focus terms, segment terms).
    public func knownTerms(of text: String, phrases: Bool = true, into ids: inout [Int32]) {
        // Through a pointer: a closure capturing `self` would copy (retain) every table per message.
        withUnsafePointer(to: self) { vocabulary in
            var previous: Int32 = -1
            TextTerms.scanWords(text) { bytes, isASCII in
                guard let bytes else {
                    previous = -1
                    return
                }
                // An unknown word cannot start or end a known phrase, just like a break.
                let word = isASCII ? vocabulary.pointee.knownASCIIWord(bytes) : vocabulary.pointee.knownOtherWord(bytes)
                guard word >= 0 else {
                    previous = -1
                    return
                }
                ids.append(word)
                if phrases, previous >= 0, let entry = vocabulary.pointee.phraseKeys.find(Self.key(previous, word)) {
                    ids.append(vocabulary.pointee.termOfPhrase[Int(entry)])
                }
                previous = word
            }
        }
    }

    /// The id of `term` written as `TextTerms.terms(in:)` writes terms (lower-cased, a phrase as two
    /// words and one space), added when new; `nil` when no message can contain it (a stop word,
    /// markup, more than two words).
    public mutating func intern(term: String) -> Int32? {
        var ids: [Int32] = []
        intern(termsOf: term, into: &ids)
        guard ids.count == 1 || ids.count == 3, name(of: ids[ids.count - 1]) == term else { return nil }
        return ids[ids.count - 1]
    }

    /// The term's name, as `TextTerms.terms(in:)` spells it ("quantize", "model weights").
    public func name(of id: Int32) -> String {
        let source = origin[Int(id)]
        if source >= 0 { return asciiWords.string(source) }
        if let spelled = spelledNames[id] { return spelled }
        let key = phraseKeys.keys[Int(-1 - source)]
        return name(of: Int32(truncatingIfNeeded: key >> 32)) + " " + name(of: Int32(truncatingIfNeeded: key))
    }

    /// Adds `other`'s terms (those not known yet, with their spelling there) and returns, per id of
    /// `other`, the id here: how vocabularies built in parallel over consecutive chunks of messages
    /// combine into the one a single pass would have built.
    public mutating func merge(_ other: TermVocabulary) -> [Int32] {
        var ids = [Int32](repeating: -1, count: other.count)
        for id in 0..<Int32(other.count) {
            let source = other.origin[Int(id)]
            let mapped: Int32
            if source >= 0 {
                var bytes = Array(other.asciiWords.string(source).utf8)
                mapped = bytes.withUnsafeMutableBufferPointer { internASCIIWord(UnsafeBufferPointer($0)) }
            } else if source == Int32.min {
                let spelled = other.spelledNames[id]!
                mapped = otherWords[spelled] ?? newTerm(origin: Int32.min, spelled: spelled)
                otherWords[spelled] = mapped
            } else {
                let key = other.phraseKeys.keys[Int(-1 - source)]
                let first = ids[Int(key >> 32)]
                let second = ids[Int(key & 0xFFFF_FFFF)]
                mapped = internPhrase(first, second, spelled: other.spelledNames[id])
            }
            ids[Int(id)] = mapped
        }
        return ids
    }

    // MARK: - Interning

    /// The term id of an ASCII word (`stop` for a stop word), added when new.
    @inline(__always)
    private mutating func internASCIIWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let entry = asciiWords.intern(bytes)
        if Int(entry) < termOfASCIIWord.count { return termOfASCIIWord[Int(entry)] }
        let id = newTerm(origin: entry, spelled: nil)
        termOfASCIIWord.append(id)
        return id
    }

    /// The term id of an ASCII word, `stop`, or `unknown`.
    @inline(__always)
    private func knownASCIIWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard let entry = asciiWords.find(bytes) else { return Self.unknown }
        return termOfASCIIWord[Int(entry)]
    }

    /// A word with non-ASCII bytes, lower-cased as a `String` as `TextTerms` does (it may come out
    /// ASCII: the Kelvin sign is a "k"). Returns its term id (or `stop`), added when new, and this
    /// occurrence's spelling when not ASCII.
    private mutating func internOtherWord(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int32, spelling: String?) {
        var word = String(decoding: bytes, as: UTF8.self).lowercased()
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return (word.withUTF8 { internASCIIWord($0) }, nil) }
        if let id = otherWords[word] { return (id, word) }
        let id = TextTerms.stopWords.contains(word) ? Self.stop : newTerm(origin: Int32.min, spelled: word)
        otherWords[word] = id
        return (id, word)
    }

    /// The term id of a word with non-ASCII bytes, `stop`, or `unknown`.
    private func knownOtherWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        var word = String(decoding: bytes, as: UTF8.self).lowercased()
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.withUTF8 { knownASCIIWord($0) } }
        if TextTerms.stopWords.contains(word) { return Self.stop }
        return otherWords[word] ?? Self.unknown
    }

    /// The phrase of two word ids, added when new; named from the words' spellings in this
    /// occurrence when either has non-ASCII letters (their first spelling may differ).
    @inline(__always)
    private mutating func internPhrase(_ first: Int32, _ second: Int32, spellings: (String?, String?)) -> Int32 {
        let before = phraseKeys.count
        let entry = phraseKeys.intern(Self.key(first, second))
        if Int(entry) < before { return termOfPhrase[Int(entry)] }
        var spelled: String?
        if spellings.0 != nil || spellings.1 != nil {
            spelled = (spellings.0 ?? name(of: first)) + " " + (spellings.1 ?? name(of: second))
        }
        let id = newTerm(origin: -1 - entry, spelled: spelled)
        termOfPhrase.append(id)
        return id
    }

    /// The phrase of two word ids, added when new with the given name (`nil`: from its words).
    private mutating func internPhrase(_ first: Int32, _ second: Int32, spelled: String?) -> Int32 {
        let before = phraseKeys.count
        let entry = phraseKeys.intern(Self.key(first, second))
        if Int(entry) < before { return termOfPhrase[Int(entry)] }
        let id = newTerm(origin: -1 - entry, spelled: spelled)
        termOfPhrase.append(id)
        return id
    }

    private mutating func newTerm(origin source: Int32, spelled: String?) -> Int32 {
        let id = Int32(origin.count)
        origin.append(source)
        if let spelled { spelledNames[id] = spelled }
        return id
    }

    @inline(__always)
    private static func key(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }
}
