import Foundation
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// One store holding the Slack, Discord, Telegram and GitHub fixtures. Who is who, by hand:
/// - alice: Slack U1 (profile e-mail alice@example.org), Discord 3001 (nickname names
///   github.com/alice-gh), GitHub alice-gh (a single-author push with alice@example.org): joined
///   automatically (e-mail; GitHub login). Telegram user1001 "Alice Admin" carries no evidence: a
///   merge by hand.
/// - carol: Slack U3 (custom profile field github.com/carol-codes) and GitHub carol-codes (login).
/// Accounts: Slack 7 + Discord 7 + Telegram 6 + GitHub 7 = 27; people 27 − 2 (alice) − 1 (carol) = 24.
/// Active posters over the whole history, per platform (each platform filter sees one account per
/// person): Slack 4, Discord 5, Telegram 4, GitHub 3 = 16 accounts; alice posted on all four and
/// carol on Slack and GitHub, so all platforms together: 16 − 3 − 1 = 12 people (11 once alice's
/// Telegram account is hers).
@Suite struct CrossPlatformTests {
    static func store(_ kind: TestStoreKind) async throws -> any StoreBackend {
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        _ = try await DiscordImporter(path: Fixtures.discordExport.path).run(into: store)
        _ = try await TelegramImporter(path: Fixtures.telegramExport.path).run(into: store)
        _ = try await GitHubImporter(
            paths: [Fixtures.github.appendingPathComponent("2026-03-05-10.json").path],
            repositories: ["heartbeat-demo/engine"]
        ).run(into: store)
        return store
    }

    static func member(_ store: any StoreBackend, platform: Platform, handle: String) async throws -> Int64 {
        let record = try await store.identityRecords().first { $0.platform == platform && $0.handle == handle }
        return try #require(record).memberID
    }

    static func activePosters(_ store: any StoreBackend, platform: Platform? = nil) async throws -> Int {
        let request = ReportRequest(wholeHistory: true, platform: platform)
        return try await Engagement.report(store: store, request: request, config: HeartbeatConfig()).activity.activePosters
    }

    @Test(arguments: TestStores.kinds) func onePersonOnThreePlatformsIsOneMemberAndCountedOnce(_ kind: TestStoreKind) async throws {
        let store = try await Self.store(kind)
        let counts = try await store.counts()
        #expect(counts.identities == 27)
        #expect(counts.members == 24)
        let resolution = try await store.identityResolution()
        #expect(resolution.groups.count == 24)
        let alice = try await Self.member(store, platform: .slack, handle: "alice")
        #expect(try await Self.member(store, platform: .discord, handle: "alice") == alice)
        #expect(try await Self.member(store, platform: .github, handle: "alice-gh") == alice)
        #expect(try await Self.member(store, platform: .telegram, handle: "user1001") != alice)
        let carol = try await Self.member(store, platform: .slack, handle: "carol")
        #expect(try await Self.member(store, platform: .github, handle: "carol-codes") == carol)
        let rules = Set(resolution.links.map(\.rule))
        #expect(rules == [.sameEmail, .sameGitHubLogin])

        var perPlatform = 0
        for platform in [Platform.slack, .discord, .telegram, .github] { perPlatform += try await Self.activePosters(store, platform: platform) }
        #expect(perPlatform == 16)
        let together = try await Self.activePosters(store)
        #expect(together == 13)

        // The member list names alice once, with her posts from every platform: Slack 3, Discord 2, GitHub 2.
        let snapshot = try await store.snapshot(ActivityQuery())
        let entries = MemberDirectory.list(snapshot: snapshot, limit: 100).filter { $0.memberID == alice }
        #expect(entries.count == 1)
        #expect(entries.first?.posts == 7)
        let profile = try #require(try await MemberProfile.load(store: store, memberID: alice))
        #expect(profile.accounts.map(\.platform) == ["slack", "discord", "github"])
        #expect(profile.accounts.map(\.linkedBy) == ["", "same GitHub login alice-gh", "same e-mail a…@example.org"])
        #expect(profile.platforms.map(\.posts).reduce(0, +) == 7)
    }

    @Test(arguments: TestStores.kinds) func mergesAndSplitsSurviveReimports(_ kind: TestStoreKind) async throws {
        let store = try await Self.store(kind)
        let alice = try await Self.member(store, platform: .slack, handle: "alice")
        let telegramAlice = try await Self.member(store, platform: .telegram, handle: "user1001")
        // The contributor program knows the Telegram account's member: its pitch must follow the person.
        let pitch = try await store.addSubmission(
            NewSubmission(title: "Telegram bots for release notes", authorID: telegramAlice, createdAt: Timestamp(microseconds: 1_772_500_000_000_000), actor: "test"))
        #expect(try await store.mergeMembers(telegramAlice, alice, at: .now) == alice)
        #expect(try await Self.member(store, platform: .telegram, handle: "user1001") == alice)
        #expect(try await store.submission(id: pitch.id)?.author.id == alice)
        let afterMerge = try await Self.activePosters(store)
        #expect(afterMerge == 12)

        // A grown Telegram export and the same Slack export again: the merge holds.
        let folder = try TemporaryDirectory.make()
        let grown = folder.appendingPathComponent("result.json")
        var text = try String(contentsOf: Fixtures.telegramExport, encoding: .utf8)
        let last = try #require(text.range(of: "]", options: .backwards))
        let newMessage = #", {"id": 900, "type": "message", "date": "2026-03-12T09:00:00", "date_unixtime": "1773306000", "from": "Alice Admin", "from_id": "user1001", "text": "Back again"}"#
        let closing = try #require(text[..<last.lowerBound].range(of: "}", options: .backwards))
        text.insert(contentsOf: newMessage, at: closing.upperBound)
        try text.write(to: grown, atomically: true, encoding: .utf8)
        let again = try await TelegramImporter(path: grown.path).run(into: store)
        #expect(again.activitiesWritten > 0)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        #expect(try await Self.member(store, platform: .telegram, handle: "user1001") == alice)

        // Splitting Discord alice off: kept apart although her nickname names alice-gh.
        let discordAlice = try #require(try await store.identityRecords().first { $0.platform == .discord && $0.handle == "alice" })
        let parted = try await store.splitIdentity(discordAlice.id, at: .now)
        #expect(parted != alice)
        _ = try await DiscordImporter(path: Fixtures.discordExport.path).run(into: store)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        #expect(try await Self.member(store, platform: .discord, handle: "alice") == parted)
        #expect(try await Self.member(store, platform: .github, handle: "alice-gh") == alice)
        #expect(try await store.identityResolution().refusals.contains { $0.reason.contains("identities split") })
        // Merging again by hand overrides the split.
        #expect(try await store.mergeMembers(alice, parted, at: .now) == alice)
        #expect(try await Self.member(store, platform: .discord, handle: "alice") == alice)
    }

    /// Funnel over the whole history, by hand: alice (chat posts; answered bob on Slack; opened an issue
    /// on 03-05) and carol (Slack posts from 03-02; PR 10:05 on 03-05, merged 10:30) reach "opened";
    /// carol alone "merged". First-time contributors (a first pull request): carol, in 2026-03, active
    /// on Slack before: 1 of 1 from chat.
    @Test(arguments: TestStores.kinds) func funnelFollowsPeopleFromChatToMergedPullRequests(_ kind: TestStoreKind) async throws {
        let store = try await Self.store(kind)
        let report = try await Funnel.report(store: store, request: ReportRequest(wholeHistory: true), config: HeartbeatConfig())
        let steps = Dictionary(uniqueKeysWithValues: report.steps.map { ($0.key, $0) })
        #expect(steps["opened"]?.reached == 2)
        #expect(steps["merged"]?.reached == 1)
        #expect(steps["merged"]?.conversion == 0.5)
        #expect(steps["opened"]?.skippedPrevious == 0)
        #expect(report.firstTimeContributors == 1)
        #expect(report.firstTimeContributorsFromChat == 1)
        #expect(report.months.map(\.month) == ["2026-03"])
        // GitHub alone: nobody posted in chat, so both openers skipped the chat steps.
        let github = try await Funnel.report(
            store: store, request: ReportRequest(wholeHistory: true, platform: .github), config: HeartbeatConfig())
        #expect(github.steps.first { $0.key == "posted" }?.reached == 0)
        #expect(github.firstTimeContributorsFromChat == 0)
    }
}
