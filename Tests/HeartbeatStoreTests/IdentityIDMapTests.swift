@testable import HeartbeatStore
import Testing

/// The ingest's account map: external ids compared as bytes, as the store's unique index compares
/// them, and ids that can be replaced.
@Suite struct IdentityIDMapTests {
    @Test func findsWhatWasStoredAndNothingElse() {
        var map = IdentityIDMap(minimumCapacity: 4)
        // Past the initial capacity, so the table grows; small and heap-allocated strings alike.
        for index in 0..<1_000 { map["U\(index)"] = Int64(index) }
        map["a user id longer than fifteen bytes"] = 5_000
        #expect(map["U0"] == 0)
        #expect(map["U999"] == 999)
        #expect(map["a user id longer than fifteen bytes"] == 5_000)
        #expect(map["U1000"] == nil)
        #expect(map[""] == nil)
    }

    /// 15 bytes fit in a slot, 16 go to the dictionary; ids that differ only in length or in
    /// their last byte stay apart.
    @Test func shortAndLongIDsAtTheBoundary() {
        var map = IdentityIDMap()
        let fifteen = String(repeating: "x", count: 15), sixteen = String(repeating: "x", count: 16)
        map[fifteen] = 15
        map[sixteen] = 16
        map["x"] = 1
        map["x\u{0}"] = 2
        map["U0000000A"] = 10
        map["U0000000B"] = 11
        #expect(map[fifteen] == 15)
        #expect(map[sixteen] == 16)
        #expect(map[String(repeating: "x", count: 14)] == nil)
        #expect(map["x"] == 1)
        #expect(map["x\u{0}"] == 2)
        #expect(map["U0000000A"] == 10)
        #expect(map["U0000000B"] == 11)
        #expect(map["U0000000C"] == nil)
    }

    /// Every length up to a slot's 15 bytes and past it, each id beside the same id one byte
    /// shorter; hinting a look-up ahead (`prefetch`) changes nothing it finds.
    @Test func everyLengthRoundTrips() {
        var map = IdentityIDMap()
        let ids = (0...20).map { length in String((0..<length).map { Character(UnicodeScalar(UInt8(65 + $0))) }) }
        for (index, id) in ids.enumerated() { map[id] = Int64(index) }
        for (index, id) in ids.enumerated() {
            map.prefetch(id)
            #expect(map[id] == Int64(index))
            map.prefetch(id + "!")
            #expect(map[id + "!"] == nil)
        }
    }

    @Test func replacesAnIDAndIgnoresNil() {
        var map = IdentityIDMap()
        map["U1"] = 1
        map["U1"] = 7
        map["U1"] = nil
        #expect(map["U1"] == 7)
    }

    /// "é" precomposed and as "e" plus a combining accent are equal `String`s, but different bytes,
    /// and so two accounts in the store.
    @Test func comparesBytesNotCanonicalEquivalence() {
        var map = IdentityIDMap()
        map["caf\u{E9}"] = 1
        map["cafe\u{301}"] = 2
        #expect(map["caf\u{E9}"] == 1)
        #expect(map["cafe\u{301}"] == 2)
    }

    /// The same for ids longer than a slot holds, which live in the dictionary.
    @Test func comparesLongIDsAsBytesToo() {
        var map = IdentityIDMap()
        let precomposed = "a long account name caf\u{E9}", decomposed = "a long account name cafe\u{301}"
        map[precomposed] = 1
        map[decomposed] = 2
        #expect(map[precomposed] == 1)
        #expect(map[decomposed] == 2)
    }
}
