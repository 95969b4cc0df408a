@testable import HeartbeatAnalytics
import Testing

/// `NearIdenticalKeys` must count exactly as a `[String: Int]` of `TextTerms.nearIdenticalKey`
/// does: by `String` equality, the most common key winning, ties to the smallest key.
@Suite struct NearIdenticalKeysTests {
    @Test func countsRepeatedPostsAndTheMostCommonKey() {
        var keys = NearIdenticalKeys()
        let counts = keys.count(["Build 41 passed", "build 42  PASSED", "deploy 7 done", "Deploy 8 done", "hello"])
        #expect(counts.repeated == 4)
        // Two keys with two posts each: the smaller one wins.
        #expect(counts.mostCommon?.key == "build # passed")
        #expect(counts.mostCommon?.count == 2)
    }

    @Test func nonASCIIKeysCompareAsStrings() {
        // "café" precomposed and decomposed are one key as Strings, not as bytes.
        var keys = NearIdenticalKeys()
        let counts = keys.count(["caf\u{E9} 1", "cafe\u{301} 2", "tea"])
        #expect(counts.repeated == 2)
        #expect(counts.mostCommon?.count == 2)
    }

    @Test func reuseStartsEmpty() {
        var keys = NearIdenticalKeys()
        _ = keys.count(["a", "a", "b"])
        let counts = keys.count(["c"])
        #expect(counts.repeated == 0)
        #expect(counts.mostCommon?.key == "c")
        #expect(keys.count([String]()).mostCommon == nil)
    }
}
