import Foundation
import HeartbeatCore
import HeartbeatImport
import HeartbeatTestSupport
import NIOCore
import Testing

@testable import HeartbeatStore

/// A chunk's texts joined with U+0001 (`string_agg(text, E'\x01')`) read back one by one; a text
/// that holds the separator makes the chunk's texts come as an array instead.
struct PostgresJoinedTextsTests {
    @Test func splitsIntoTheTextsEmptyOnesIncluded() throws {
        let joined = ["héllo 😀", "", "line\nbreak", ""].joined(separator: "\u{1}")
        var texts = try #require(PostgresJoinedTexts(ByteBuffer(string: joined), count: 4))
        #expect(texts.next() == "héllo 😀")
        texts.skip()
        #expect(texts.next() == "line\nbreak")
        #expect(texts.next() == "")
    }

    @Test func aTextHoldingTheSeparatorOrAWrongCountIsRefused() {
        #expect(PostgresJoinedTexts(ByteBuffer(string: "a\u{1}b\u{1}c"), count: 2) == nil)
        #expect(PostgresJoinedTexts(ByteBuffer(string: "a"), count: 2) == nil)
        #expect(PostgresJoinedTexts(nil, count: 1) == nil)
        #expect(PostgresJoinedTexts(nil, count: 0) != nil)
    }

    /// Through a real server: texts holding U+0001, empty texts and ordinary ones load as SQLite
    /// loads them (the chunk with the separator is fetched again as an array).
    @Test(.enabled(if: TestStores.postgresSkipReason == nil, Comment(rawValue: TestStores.postgresSkipReason ?? "")))
    func textsHoldingTheSeparatorLoadAsInSQLite() async throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        try #"""
        [{"type": "message", "user": "U1", "ts": "1773230400.000100", "text": "one\u0001two \u0001"},
         {"type": "message", "user": "U2", "ts": "1773230401.000100", "text": ""},
         {"type": "message", "user": "U3", "ts": "1773230402.000100", "text": "plain"}]
        """#.write(to: copy.appendingPathComponent("general/2026-03-11.json"), atomically: true, encoding: .utf8)
        let sqlite = try await TestStores.make(.sqlite)
        let postgres = try await TestStores.make(.postgres)
        for store in [sqlite, postgres] { _ = try await SlackImporter(path: copy.path).run(into: store) }
        let query = ActivityQuery(includeText: true)
        let expected = try await sqlite.snapshot(query).texts
        #expect(expected.contains("one\u{1}two \u{1}") && expected.contains("") && expected.contains("plain"))
        #expect(try await postgres.snapshot(query).texts == expected)
    }
}
