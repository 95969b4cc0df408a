import Foundation
import HeartbeatCore
import HeartbeatImport
@testable import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// The snapshot loader reads tables in row id order, in parallel halves, and sorts and maps in
/// memory. These tests hold it to what a snapshot means, each expectation computed here from the
/// whole-history snapshot by a direct loop: activities from `since` on in (time, id) order,
/// reactions and mentions in their activities' order, first and last times over the whole history.
/// The PostgreSQL store's loader is held to the same meaning (except the SQLite-only parallel load).
@Suite struct SnapshotLoaderTests {
    /// A SQLite file store (so reads run on separate connections, side by side) with the tiny
    /// export and, where the team's generator exists, a generated one with thousands of rows.
    static func store() async throws -> SQLiteStore {
        let store = try SQLiteStore(path: try TemporaryDirectory.make().appendingPathComponent("loader.sqlite").path)
        try await fill(store)
        return store
    }

    /// The same data in a store of `kind` (SQLite: the file store above; PostgreSQL: a new community).
    static func store(_ kind: TestStoreKind) async throws -> any StoreBackend {
        guard kind == .postgres else { return try await store() }
        let store = try await TestStores.make(kind)
        try await fill(store)
        return store
    }

    static func fill(_ store: any StoreBackend) async throws {
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        if GeneratedExport.isAvailable {
            let export = try GeneratedExport.make(messages: 3000, users: 300, channels: 5, days: 120, seed: 11)
            _ = try await SlackImporter(path: export.path).run(into: store)
        }
    }

    @Test(arguments: TestStores.kinds) func wholeHistoryIsSortedByTimeThenID(_ kind: TestStoreKind) async throws {
        let store = try await Self.store(kind)
        let snapshot = try await store.snapshot(ActivityQuery(includeMentions: true))
        #expect(snapshot.activities.count == (try await store.counts()).activities)
        for (earlier, later) in zip(snapshot.activities, snapshot.activities.dropFirst()) {
            #expect(earlier.time < later.time || (earlier.time == later.time && earlier.id < later.id))
        }
        for (earlier, later) in zip(snapshot.reactions, snapshot.reactions.dropFirst()) {
            #expect(earlier.activity <= later.activity)
        }
        for (earlier, later) in zip(snapshot.mentions, snapshot.mentions.dropFirst()) {
            #expect(earlier.activity <= later.activity)
        }
        #expect(snapshot.reactions.count == (try await store.counts()).reactions)
        #expect(snapshot.latestActivity?.microseconds == snapshot.activities.last?.time)
    }

    @Test(arguments: TestStores.kinds) func membersFirstAndLastTimesSpanTheWholeHistory(_ kind: TestStoreKind) async throws {
        let store = try await Self.store(kind)
        let whole = try await store.snapshot(ActivityQuery(includeReactionHistory: true))
        var firstSeen = [Int64?](repeating: nil, count: whole.members.count)
        var lastSeen = [Int64?](repeating: nil, count: whole.members.count)
        var firstPost = [Int64?](repeating: nil, count: whole.members.count)
        var firstReaction = [Int64?](repeating: nil, count: whole.members.count)
        for activity in whole.activities where activity.member >= 0 {
            let member = Int(activity.member)
            firstSeen[member] = min(firstSeen[member] ?? .max, activity.time)
            lastSeen[member] = max(lastSeen[member] ?? .min, activity.time)
            if activity.kind == .message || activity.kind == .reply {
                firstPost[member] = min(firstPost[member] ?? .max, activity.time)
            }
        }
        for reaction in whole.reactions where reaction.reactor >= 0 {
            let time = whole.activities[Int(reaction.activity)].time
            firstReaction[Int(reaction.reactor)] = min(firstReaction[Int(reaction.reactor)] ?? .max, time)
        }
        // A late `since` keeps few activities but the same whole-history times.
        let since = Timestamp(microseconds: whole.activities[whole.activities.count * 3 / 4].time)
        for query in [
            ActivityQuery(includeReactionHistory: true), ActivityQuery(since: since, includeReactionHistory: true),
        ] {
            let snapshot = try await store.snapshot(query)
            #expect(snapshot.members.map(\.firstSeen?.microseconds) == firstSeen)
            #expect(snapshot.members.map(\.lastSeen?.microseconds) == lastSeen)
            #expect(snapshot.members.map(\.firstPost?.microseconds) == firstPost)
            #expect(snapshot.members.map(\.firstReaction?.microseconds) == firstReaction)
        }
    }

    @Test(arguments: TestStores.kinds) func sinceKeepsTheLaterActivitiesWithTheirReactionsMentionsAndTexts(_ kind: TestStoreKind) async throws {
        let store = try await Self.store(kind)
        let whole = try await store.snapshot(ActivityQuery(includeText: true, includeMentions: true))
        for fraction in [0.0, 0.5, 0.9, 1.0] {
            let position = min(whole.activities.count - 1, Int(Double(whole.activities.count) * fraction))
            let since = Timestamp(microseconds: whole.activities[position].time)
            let snapshot = try await store.snapshot(ActivityQuery(since: since, includeText: true, includeMentions: true))
            let kept = whole.activities.indices.filter { whole.activities[$0].time >= since.microseconds }
            #expect(snapshot.activities == kept.map { whole.activities[$0] })
            #expect(snapshot.texts == kept.map { whole.texts[$0] })
            let first = Int32(kept.first ?? whole.activities.count)
            #expect(
                snapshot.reactions == whole.reactions.filter { $0.activity >= first }
                    .map { CommunitySnapshot.ReactionRow(activity: $0.activity - first, reactor: $0.reactor) })
            #expect(
                snapshot.mentions == whole.mentions.filter { $0.activity >= first }
                    .map { CommunitySnapshot.MentionRow(activity: $0.activity - first, member: $0.member) })
        }
    }

    @Test(arguments: TestStores.kinds) func aChannelFilterKeepsOnlyThatChannel(_ kind: TestStoreKind) async throws {
        let store = try await Self.store(kind)
        let whole = try await store.snapshot(ActivityQuery())
        let help = try #require(whole.spaces.firstIndex { $0.name == "help" })
        let snapshot = try await store.snapshot(ActivityQuery(spaces: ["#help"]))
        #expect(snapshot.spaces.map(\.name) == ["help"])
        let kept = whole.activities.filter { $0.space == help }.map { activity in
            var row = activity
            row.space = 0
            return row
        }
        #expect(snapshot.activities == kept)
        #expect(snapshot.latestActivity?.microseconds == kept.last?.time)
    }

    @Test func theParallelLoadEqualsOneRead() async throws {
        let store = try await Self.store()
        for query in [
            ActivityQuery(includeText: true, includeMentions: true, includeReactionHistory: true),
            ActivityQuery(platform: .slack, since: Timestamp(microseconds: 1_772_000_000_000_000), includeReactionHistory: true),
        ] {
            let parallel = try await store.snapshot(query)
            let oneRead = try await SQLiteSnapshotLoader(writer: store.writer, query: query).loadInOneRead()
            #expect(parallel.members == oneRead.members)
            #expect(parallel.spaces == oneRead.spaces)
            #expect(parallel.activities == oneRead.activities)
            #expect(parallel.reactions == oneRead.reactions)
            #expect(parallel.mentions == oneRead.mentions)
            #expect(parallel.texts == oneRead.texts)
            #expect(parallel.latestActivity == oneRead.latestActivity)
        }
    }

    @Test func rowIDTableFallsBackToADictionaryForFarIDs() {
        var table = RowIDTable<Int32>(ids: 10...20, count: 11, missing: -1)
        table[10] = 0
        table[20] = 10
        table[Int64.max] = 7
        table[-5] = 8
        #expect(table[10] == 0)
        #expect(table[20] == 10)
        #expect(table[15] == -1)
        #expect(table[Int64.max] == 7)
        #expect(table[-5] == 8)
        #expect(table[Int64.min] == -1)
        // A range far longer than the count is not allocated: its far end lives in the dictionary.
        var sparse = RowIDTable<Int32>(ids: 0...Int64.max, count: 2, missing: -1)
        sparse[0] = 1
        sparse[Int64.max - 1] = 2
        #expect(sparse[0] == 1)
        #expect(sparse[Int64.max - 1] == 2)
        #expect(sparse[1] == -1)
    }
}
