import Foundation
import HeartbeatCore
import HeartbeatImport
import HeartbeatTestSupport
import Testing

@testable import HeartbeatStore

/// A community larger than one chunk of the PostgreSQL loader (`chunkRows` activities): the
/// snapshot read chunk by chunk on two connections equals SQLite's, row for row (ids aside, which
/// PostgreSQL numbers database-wide).
@Suite(.enabled(if: TestStores.postgresSkipReason == nil && GeneratedExport.isAvailable, "needs PostgreSQL and gen_slack.py"))
struct PostgresChunkedSnapshotTests {
    @Test func aSnapshotOfManyChunksEqualsSQLites() async throws {
        let export = try GeneratedExport.make(messages: 140_000, users: 600, channels: 6, days: 120)
        var snapshots: [CommunitySnapshot] = []
        for kind in [TestStoreKind.sqlite, .postgres] {
            let store = try await TestStores.make(kind)
            _ = try await SlackImporter(path: export.path).run(into: store)
            snapshots.append(try await store.snapshot(ActivityQuery(includeText: true, includeMentions: true)))
        }
        let (sqlite, postgres) = (snapshots[0], snapshots[1])
        #expect(sqlite.activities.count > 2 * PostgresSnapshotLoader.chunkRows)
        #expect(sqlite.activities.count == postgres.activities.count)
        #expect(sqlite.reactions.count == postgres.reactions.count && sqlite.mentions.count == postgres.mentions.count)
        #expect(sqlite.members.map(\.externalID) == postgres.members.map(\.externalID))
        #expect(sqlite.members.map(\.firstSeen) == postgres.members.map(\.firstSeen))
        #expect(sqlite.members.map(\.lastSeen) == postgres.members.map(\.lastSeen))
        #expect(sqlite.members.map(\.firstPost) == postgres.members.map(\.firstPost))
        #expect(sqlite.texts == postgres.texts)
        /// A row without its ids: what a report sees of it.
        func row(_ activity: CommunitySnapshot.ActivityRow) -> [Int64] {
            [Int64(activity.member), Int64(activity.space), Int64(activity.kind.rawValue), activity.time, activity.threadRoot,
             Int64(activity.parentMember), activity.isQuestion ? 1 : 0]
        }
        #expect(sqlite.activities.map(row) == postgres.activities.map(row))
        #expect(sqlite.reactions.map { [$0.activity, $0.reactor] } == postgres.reactions.map { [$0.activity, $0.reactor] })
        #expect(sqlite.mentions.map { [$0.activity, $0.member] } == postgres.mentions.map { [$0.activity, $0.member] })
    }
}
