import HeartbeatCore
import Testing

@Suite struct TermVocabularyTests {
    static let messages = [
        "Hey <@U123> how to QUANTIZE model weights? :tada: see <https://x.io|docs> ```let x = 1``` `code` &amp; tflite delegate 2024",
        "Überprüfung der Größe, GPU delegate on Android; tflite model weights",
        "CoreML vs TFLite vs ONNX: model conversion 3d a1 x 42 ok OK",
        "",
        "::: `unclosed code and <unclosed markup",
    ]

    static func names(_ vocabulary: TermVocabulary, _ ids: [Int32]) -> [String] { ids.map { vocabulary.name(of: $0) } }

    @Test(arguments: messages)
    func internedTermsAreTheTermsOfTextTerms(_ text: String) {
        var vocabulary = TermVocabulary()
        var ids: [Int32] = []
        vocabulary.intern(termsOf: text, into: &ids)
        #expect(Self.names(vocabulary, ids) == TextTerms.terms(in: text))
        ids.removeAll()
        vocabulary.intern(termsOf: text, phrases: false, into: &ids)
        #expect(Self.names(vocabulary, ids) == TextTerms.terms(in: text, phrases: false))
    }

    @Test func repeatedTermsKeepTheirID() {
        var vocabulary = TermVocabulary()
        var first: [Int32] = []
        var second: [Int32] = []
        vocabulary.intern(termsOf: "Model weights", into: &first)
        vocabulary.intern(termsOf: "model WEIGHTS quantized", into: &second)
        #expect(first == [0, 1, 2])
        #expect(Array(second.prefix(3)) == first)
        #expect(vocabulary.count == 5)  // model, weights, "model weights", quantized, "weights quantized"
    }

    @Test func knownTermsFindOnlyInternedTerms() {
        var vocabulary = TermVocabulary()
        let android = vocabulary.intern(term: "android")
        let googlePlay = vocabulary.intern(term: "google play")
        #expect(vocabulary.intern(term: "the") == nil)
        #expect(vocabulary.intern(term: "<@U1>") == nil)
        var ids: [Int32] = []
        vocabulary.knownTerms(of: "Android apps on Google Play, not google for play", into: &ids)
        let found = ids.filter { $0 == android || $0 == googlePlay }
        #expect(found == [android!, googlePlay!])
        #expect(Self.names(vocabulary, ids) == ["android", "google", "play", "google play", "google", "play"])
    }

    @Test func wordsAreEqualAsStringsAreEqual() {
        // "café" precomposed and decomposed are one word, named as first spelled; the Kelvin
        // sign lower-cases to an ASCII "k".
        var vocabulary = TermVocabulary()
        var ids: [Int32] = []
        vocabulary.intern(termsOf: "cafe\u{301} latte", into: &ids)
        vocabulary.intern(termsOf: "caf\u{E9} latte \u{212A}otlin kotlin", into: &ids)
        #expect(ids[0] == ids[3] && ids[2] == ids[5])
        #expect(vocabulary.name(of: ids[3]).unicodeScalars.elementsEqual("cafe\u{301}".unicodeScalars))
        #expect(ids[6] == ids[8])
        #expect(vocabulary.name(of: ids[8]) == "kotlin")
    }

    @Test func mergingChunksEqualsOnePass() {
        var whole = TermVocabulary()
        var wholeIDs: [Int32] = []
        for text in Self.messages + Self.messages.reversed() { whole.intern(termsOf: text, into: &wholeIDs) }

        var first = TermVocabulary()
        var second = TermVocabulary()
        var firstIDs: [Int32] = []
        var secondIDs: [Int32] = []
        for text in Self.messages { first.intern(termsOf: text, into: &firstIDs) }
        for text in Self.messages.reversed() { second.intern(termsOf: text, into: &secondIDs) }
        let mapped = first.merge(second)
        let merged = firstIDs + secondIDs.map { mapped[Int($0)] }
        #expect(merged == wholeIDs)
        #expect(first.count == whole.count)
        #expect((0..<Int32(whole.count)).map(whole.name(of:)) == (0..<Int32(first.count)).map(first.name(of:)))
    }
}

@Suite struct InterningTableTests {
    @Test func byteStringsKeepTheirIDsAcrossGrowth() {
        var table = ByteStringTable(minimumCapacity: 1)
        let keys = (0..<5_000).map { "key-\($0)-\(String(repeating: "x", count: $0 % 13))" }
        for (index, key) in keys.enumerated() {
            var key = key
            #expect(key.withUTF8 { table.intern($0) } == Int32(index))
        }
        for (index, key) in keys.enumerated() {
            var key = key
            #expect(key.withUTF8 { table.find($0) } == Int32(index))
            #expect(table.string(Int32(index)) == key)
        }
        var missing = "key-5000-"
        #expect(missing.withUTF8 { table.find($0) } == nil)
        table.removeAll()
        #expect(table.count == 0)
    }

    @Test func integerKeysKeepTheirIDsAcrossGrowth() {
        var table = IntegerKeyTable(minimumCapacity: 1)
        let keys = (0..<5_000).map { UInt64($0) << 32 | UInt64($0 * 7) }
        for (index, key) in keys.enumerated() { #expect(table.intern(key) == Int32(index)) }
        for (index, key) in keys.enumerated() { #expect(table.find(key) == Int32(index)) }
        #expect(table.find(1) == nil)
        #expect(table.keys == keys)
    }
}
