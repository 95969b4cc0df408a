import Foundation
import GRDB
import HeartbeatCore
import HeartbeatImport
@testable import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// An import resolves who is one person while its day files are still being written, from the
/// accounts as they were after its member list (`IdentityResolutionAhead`). Whatever the import
/// added afterwards, the members it leaves must be exactly what resolving all accounts again at
/// commit gives: resolving once more afterwards changes nothing.
@Suite struct IdentityResolutionAheadTests {
    /// Each account's member, and the members that exist.
    static func assignment(_ store: SQLiteStore) throws -> (byIdentity: [Int64: Int64], members: [Int64]) {
        try store.writer.read { db in
            var byIdentity: [Int64: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, member_id FROM identity") { byIdentity[row[0]] = row[1] }
            return (byIdentity, try Int64.fetchAll(db, sql: "SELECT id FROM member ORDER BY id"))
        }
    }

    static func expectResolvingAgainChangesNothing(_ store: SQLiteStore, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let before = try Self.assignment(store)
        try await store.writer.write { db in try SQLiteStore.resolveIdentities(db) }
        let after = try Self.assignment(store)
        #expect(after.byIdentity == before.byIdentity, sourceLocation: sourceLocation)
        #expect(after.members == before.members, sourceLocation: sourceLocation)
    }

    /// Authors missing from users.json become placeholder accounts during the day files, after
    /// the resolution started: each is a person of its own, and the rest is as resolved ahead.
    @Test func placeholdersAddedDuringTheDayFilesAreEachAPerson() async throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        try """
        [{"type": "message", "user": "U900", "ts": "1773655200.000100", "text": "first post"},
         {"type": "message", "subtype": "bot_message", "bot_id": "B900", "ts": "1773655260.000100", "text": "build ok"},
         {"type": "message", "user": "U901", "ts": "1773655320.000100", "text": "<@U902> hi",
          "reactions": [{"name": "wave", "users": ["U903"], "count": 1}]}]
        """.write(to: copy.appendingPathComponent("general/2026-03-16.json"), atomically: true, encoding: .utf8)
        let store = try SQLiteStore(path: try TemporaryDirectory.make().appendingPathComponent("ahead.sqlite").path)
        _ = try await SlackImporter(path: copy.path).run(into: store)

        let placeholders = try await store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT external_id, member_id FROM identity WHERE is_placeholder = 1 ORDER BY external_id")
                .map { ($0[0] as String, $0[1] as Int64) }
        }
        #expect(placeholders.map(\.0) == ["B900", "U900", "U901", "U903"])
        let (byIdentity, _) = try Self.assignment(store)
        for (_, member) in placeholders {
            #expect(byIdentity.values.filter { $0 == member }.count == 1)
        }
        try await Self.expectResolvingAgainChangesNothing(store)
    }

    /// Accounts on four platforms, some of them one person by e-mail or GitHub login, imported one
    /// after the other (each import resolving ahead from all accounts stored so far).
    @Test func accountsMergedAcrossPlatformsAreResolvedAsAtCommit() async throws {
        let store = try SQLiteStore(path: try TemporaryDirectory.make().appendingPathComponent("platforms.sqlite").path)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        try await Self.expectResolvingAgainChangesNothing(store)
        _ = try await DiscordImporter(path: Fixtures.discordExport.path).run(into: store)
        try await Self.expectResolvingAgainChangesNothing(store)
        _ = try await TelegramImporter(path: Fixtures.telegramExport.path).run(into: store)
        _ = try await GitHubImporter(
            paths: [Fixtures.github.appendingPathComponent("2026-03-05-10.json").path],
            repositories: ["heartbeat-demo/engine"]
        ).run(into: store)
        try await Self.expectResolvingAgainChangesNothing(store)
        let counts = try await store.counts()
        #expect(counts.identities == 27 && counts.members == 24)
    }
}
