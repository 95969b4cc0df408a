import Foundation
import HeartbeatCore
import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// What only the PostgreSQL store has: several communities in one database, and other processes
/// (a second migrator, a reader) at work while an import runs. Run with `scripts/test`, which
/// starts a throw-away server; skipped with a note when `HEARTBEAT_TEST_POSTGRES_URL` is unset.
@Suite(.enabled(if: TestStores.postgresSkipReason == nil, Comment(rawValue: TestStores.postgresSkipReason ?? "")))
struct PostgresCommunityTests {
    /// Two communities, the tiny Slack export in one and the Discord fixture in the other: each
    /// sees its own counts, members, channels, snapshot and texts, and nothing of the other's —
    /// not even through an id that belongs to the other community.
    @Test func communitiesNeverSeeEachOthersRows() async throws {
        let slack = try await TestStores.newCommunity(named: "slack").store
        let discord = try await TestStores.newCommunity(named: "discord").store
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: slack)
        _ = try await DiscordImporter(path: Fixtures.discordExport.path).run(into: discord)

        let slackCounts = try await slack.counts()
        let discordCounts = try await discord.counts()
        #expect(slackCounts == StoreCounts(
            workspaces: 1, members: 7, identities: 7, spaces: 2, activities: 17, reactions: 3, mentions: 1, sourceFiles: 5))
        #expect(discordCounts.workspaces == 1)
        #expect(discordCounts.activities == 13)

        let slackSnapshot = try await slack.snapshot(ActivityQuery(includeText: true, includeMentions: true))
        let discordSnapshot = try await discord.snapshot(ActivityQuery(includeText: true, includeMentions: true))
        #expect(slackSnapshot.activities.count == 17)
        #expect(discordSnapshot.activities.count == 13)
        #expect(Set(slackSnapshot.members.map(\.platform)) == [.slack])
        #expect(Set(discordSnapshot.members.map(\.platform)) == [.discord])
        #expect(Set(slackSnapshot.activities.map(\.id)).isDisjoint(with: discordSnapshot.activities.map(\.id)))
        // Both fixtures have a #general and a #help: each community lists its own, from its own platform.
        #expect(Set(try await slack.spaceNames()) == Set(slackSnapshot.spaces.map(\.name)))
        #expect(Set(slackSnapshot.spaces.map(\.platform)) == [.slack])
        #expect(Set(discordSnapshot.spaces.map(\.platform)) == [.discord])
        #expect(Set(slackSnapshot.spaces.map(\.id)).isDisjoint(with: discordSnapshot.spaces.map(\.id)))

        // Ids of the other community lead nowhere.
        let discordIDs = discordSnapshot.activities.map(\.id)
        #expect(try await slack.texts(ofActivities: discordIDs).isEmpty)
        #expect(try await discord.texts(ofActivities: discordIDs).count == discordIDs.count)
        let discordMembers = discordSnapshot.members.map(\.id)
        #expect(try await slack.emails(ofMembers: discordMembers).isEmpty)
        await #expect(throws: StoreError.self) { _ = try await slack.mergeMembers(slackSnapshot.members[0].id, discordMembers[0], at: .now) }

        // Each community's identity resolution sees only its own accounts.
        #expect(try await slack.identityRecords().count == 7)
        #expect(try await slack.peopleCount() == 7)

        // An import into one bumps only its own generation.
        let before = try await discord.generation()
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: slack)
        #expect(try await discord.generation() == before)
    }

    /// Contributor program, events and content are per community too.
    @Test func programAndEventsStayInTheirCommunity() async throws {
        let a = try await TestStores.newCommunity(named: "a").store
        let b = try await TestStores.newCommunity(named: "b").store
        let author = try await a.addProgramMember(name: "Ada")
        _ = try await a.addSubmission(
            NewSubmission(title: "Tracing with OpenTelemetry", authorID: author.id, createdAt: .now, actor: "test"))
        _ = try await a.addEvent(NewEvent(title: "Office hours", startsAt: .now))
        #expect(try await a.submissions().count == 1)
        #expect(try await b.submissions().isEmpty)
        #expect(try await b.events().isEmpty)
        #expect(try await b.findMembers(matching: "Ada").isEmpty)
    }

    /// Two processes starting at once: the advisory lock lets one migrate while the other waits,
    /// and neither fails on the half-made schema.
    @Test func migrationsRunOnceUnderConcurrentOpens() async throws {
        let url = try #require(TestStores.postgresURL)
        async let first = PostgresDatabase.open(url: url)
        async let second = PostgresDatabase.open(url: url)
        let (one, two) = try await (first, second)
        defer {
            one.close()
            two.close()
        }
        #expect(try await one.appliedMigrations() == PostgresDatabase.migrationNames)
        #expect(try await two.appliedMigrations() == PostgresDatabase.migrationNames)
    }

    /// A database that does not exist fails at once with the server's words and what to do,
    /// not after the pool's minute of retries with a message naming neither.
    @Test func aMissingDatabaseIsNamedWithTheServersWords() async throws {
        let url = try #require(TestStores.postgresURL)
        let slash = try #require(url.range(of: "/", options: .backwards))
        let base = String(url[..<slash.lowerBound])
        let query = url.firstIndex(of: "?").map { String(url[$0...]) } ?? ""
        do {
            let database = try await PostgresDatabase.open(url: base + "/heartbeat_missing_db" + query)
            database.close()
            Issue.record("opened a database that does not exist")
        } catch let error as StoreError {
            #expect(error.message.contains(#"database "heartbeat_missing_db" does not exist"#), "\(error.message)")
            #expect(error.message.contains("createdb heartbeat_missing_db"), "\(error.message)")
        }
    }

    /// Readers during an import see the community before it or after it, never part of it: the
    /// import is one transaction, and a snapshot is read in one repeatable-read transaction.
    @Test(.enabled(if: GeneratedExport.isAvailable, "needs ../shared/tools/gen_slack.py"))
    func readersNeverSeeHalfAnImport() async throws {
        let export = try GeneratedExport.make(messages: 20_000, users: 400, channels: 8, days: 60)
        let store = try await TestStores.newCommunity(named: "busy").store
        let importing = Task { try await SlackImporter(path: export.path).run(into: store) }
        var seen = Set<Int>()
        while true {
            let snapshot = try await store.snapshot(ActivityQuery())
            let counts = try await store.counts()
            seen.insert(snapshot.activities.count)
            // A snapshot and the counts after it: never fewer rows later, and either none or all.
            #expect(snapshot.activities.count == 0 || snapshot.activities.count == counts.activities)
            if snapshot.activities.count > 0 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let summary = try await importing.value
        #expect(seen.allSatisfy { $0 == 0 || $0 == summary.activitiesWritten })
        #expect(try await store.counts().activities == summary.activitiesWritten)
        #expect(summary.activitiesWritten > 19_000)
    }

    /// A failed import leaves the community as it was (all or nothing).
    @Test func aFailedImportLeavesNothing() async throws {
        let store = try await TestStores.newCommunity(named: "broken").store
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        try Data("[{\"type\": \"message\", \"ts\": ".utf8).write(to: copy.appendingPathComponent("general/2026-03-02.json"))
        await #expect(throws: (any Error).self) { _ = try await SlackImporter(path: copy.path).run(into: store) }
        #expect(try await store.counts().activities == 0)
        #expect(try await store.counts().identities == 0)
    }
}
