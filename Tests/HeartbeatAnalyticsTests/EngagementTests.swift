import Foundation
@testable import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// The engagement report on `Tests/Fixtures/tiny-export`, for 2026-03-01 up to (not including)
/// 2026-03-16. Every expected figure below was worked out by hand from the fixture:
///
/// - general 03-02: erin (U5) joins at 08:00 and never posts; alice asks "How do I quantize…?" at
///   09:00, replies to herself at +60 s (no response), the release bot replies at +120 s (no
///   response), bob replies at +600 s (first response: 600 s), carol broadcasts a reply at +900 s;
///   bob posts release notes, reacted +1 by alice, carol and bob himself; carol asks "anyone using
///   tflite on android" and nobody answers.
/// - help 03-03: dave (deleted) asks "Is the GPU delegate stable?", alice answers at +1800 s; the bot
///   posts; bob posts an unknown subtype (not a post) and "thanks all <@U1>"; a tombstone (Slackbot)
///   gets a reply from carol.
/// - general 03-09: bob asks "What is the best way to profile?", carol answers at +3600 s.
@Suite struct EngagementTests {
    static func report(_ kind: TestStoreKind, _ request: ReportRequest) async throws -> EngagementReport {
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        return try await Engagement.report(store: store, request: request)
    }

    static let march = ReportRequest(since: CivilDate(iso: "2026-03-01"), until: CivilDate(iso: "2026-03-16"))

    @Test(arguments: TestStores.kinds) func membersAreCountedApartFromBotsAndDeletedAccounts(_ kind: TestStoreKind) async throws {
        let report = try await Self.report(kind, Self.march)
        // alice, bob, carol, erin; dave is deleted; the release bot and Slackbot are bots.
        #expect(report.members == MemberFigures(total: 4, new: 4, unknownJoinDate: 0, bots: 2, deleted: 1))
        #expect(report.scope == ReportScope(since: "2026-03-01", until: "2026-03-15", days: 15, channels: [], platform: nil))
    }

    @Test(arguments: TestStores.kinds) func participationFigures(_ kind: TestStoreKind) async throws {
        let activity = try await Self.report(kind, Self.march).activity
        #expect(activity.activePosters == 4)  // alice, bob, carol, dave (deleted now, active then)
        #expect(activity.newPosters == 4)
        #expect(activity.returningPosters == 0)
        #expect(activity.messages == 6)  // 3 on 03-02, dave's and "thanks all" on 03-03, 1 on 03-09
        #expect(activity.replies == 6)  // self-reply, bob, broadcast, alice→dave, carol→tombstone, carol 03-09
        #expect(activity.reactions == 3)
        #expect(activity.botMessages == 2)
        // DAU: 3 (03-02) + 4 (03-03) + 2 (03-09) over 15 days.
        #expect(activity.averageDAU == 9.0 / 15.0)
        // WAU: alice covers 03-02…03-09 (8 days), bob and carol 03-02…03-15 (14 each), dave 03-03…03-09 (7).
        #expect(activity.averageWAU == 43.0 / 15.0)
        // MAU: alice, bob, carol 14 days each, dave 13.
        #expect(activity.averageMAU == 55.0 / 15.0)
        #expect(abs(activity.stickiness - (9.0 / 55.0)) < 1e-12)
    }

    @Test(arguments: TestStores.kinds) func firstResponseIgnoresBotsAndSelfReplies(_ kind: TestStoreKind) async throws {
        let threads = try await Self.report(kind, Self.march).threads
        #expect(threads.roots == 6)
        #expect(threads.answeredRoots == 3)
        #expect(threads.responseRate == 0.5)
        #expect(threads.firstResponseMedianSeconds == 1800)  // of 600, 1800, 3600
        #expect(threads.firstResponseP90Seconds == 3240)  // 1800 + 0.8 × 1800
        #expect(threads.questions == 4)
        #expect(threads.unansweredQuestions == 1)
        #expect(threads.unansweredList == [
            UnansweredQuestion(
                activityID: threads.unansweredList.first?.activityID ?? -1, channel: "general", author: "carol",
                postedAt: "2026-03-02T11:00:00Z", excerpt: "anyone using tflite on android")
        ])
    }

    @Test(arguments: TestStores.kinds) func channelsAreListedBusiestFirst(_ kind: TestStoreKind) async throws {
        let channels = try await Self.report(kind, Self.march).channels
        #expect(channels == [
            ChannelFigures(
                channel: "general", messages: 4, replies: 4, reactions: 3, activePosters: 3, botMessages: 1, roots: 4,
                firstResponseMedianSeconds: 2100, unansweredQuestions: 1),
            ChannelFigures(
                channel: "help", messages: 2, replies: 2, reactions: 0, activePosters: 4, botMessages: 1, roots: 2,
                firstResponseMedianSeconds: 1800, unansweredQuestions: 0),
        ])
    }

    @Test(arguments: TestStores.kinds) func topMembers(_ kind: TestStoreKind) async throws {
        let top = try await Self.report(kind, Self.march).topMembers
        // bob: reply, release notes, thanks, profile question = 4; carol: question, broadcast,
        // tombstone reply, profile answer = 4; alice: question, self-reply, answer to dave = 3; dave 1.
        // bob has no display name, so his real name shows.
        #expect(top.byPosts.map(\.name) == ["Bob Builder", "carol", "alice", "Dave"])
        #expect(top.byPosts.map(\.value) == [4, 4, 3, 1])
        #expect(top.byRepliesToOthers.map(\.name) == ["carol", "alice", "Bob Builder"])
        #expect(top.byRepliesToOthers.map(\.value) == [3, 1, 1])
        // bob's release notes: +1 from alice and carol; his own +1 does not count.
        #expect(top.byReactionsReceived.map(\.handle) == ["bob"])
        #expect(top.byReactionsReceived.map(\.value) == [2])
    }

    @Test(arguments: TestStores.kinds) func weeklyGrowthVersusEngagement(_ kind: TestStoreKind) async throws {
        let weekly = try await Self.report(kind, Self.march).weekly
        #expect(weekly == [
            WeeklyPoint(weekStart: "2026-03-01", members: 0, newMembers: 0, activePosters: 0, posts: 0),
            WeeklyPoint(weekStart: "2026-03-02", members: 4, newMembers: 4, activePosters: 4, posts: 10),
            WeeklyPoint(weekStart: "2026-03-09", members: 4, newMembers: 0, activePosters: 2, posts: 2),
        ])
    }

    @Test(arguments: TestStores.kinds) func laterPeriodSeesReturningPostersAndNoNewMembers(_ kind: TestStoreKind) async throws {
        let report = try await Self.report(kind, 
            ReportRequest(since: CivilDate(iso: "2026-03-09"), until: CivilDate(iso: "2026-03-10")))
        #expect(report.members.total == 4)
        #expect(report.members.new == 0)
        #expect(report.activity.activePosters == 2)
        #expect(report.activity.returningPosters == 2)
        #expect(report.activity.newPosters == 0)
        // MAU window reaches back to 03-02 and 03-03: alice, bob, carol, dave.
        #expect(report.activity.averageMAU == 4)
        #expect(report.activity.averageWAU == 4)
        #expect(report.activity.averageDAU == 2)
    }

    @Test(arguments: TestStores.kinds) func defaultPeriodIsNinetyDaysEndingWithTheLastActivity(_ kind: TestStoreKind) async throws {
        let report = try await Self.report(kind, ReportRequest())
        #expect(report.scope.since == "2025-12-10")
        #expect(report.scope.until == "2026-03-09")
        #expect(report.scope.days == 90)
        #expect(report.activity.messages == 6)
    }

    @Test(arguments: TestStores.kinds) func channelFilterRestrictsEveryFigure(_ kind: TestStoreKind) async throws {
        var request = Self.march
        request.spaces = ["help"]
        let report = try await Self.report(kind, request)
        #expect(report.activity.messages == 2)
        #expect(report.activity.replies == 2)
        #expect(report.activity.activePosters == 4)
        #expect(report.threads.roots == 2)
        // Members seen in #help: bob, carol, alice (dave deleted, erin never there).
        #expect(report.members.total == 3)
        #expect(report.channels.map(\.channel) == ["help"])
    }
}

@Suite struct ActiveMembersTests {
    @Test func mergesOverlappingWindowsPerMember() {
        let period = Period(start: .startOfDay(10), end: .startOfDay(20))
        // Member A active on days 10 and 12; member B on day 5 (only reaches the period through MAU).
        let postDays: [[Int64]] = [[10, 12], [5]]
        #expect(ActiveMembers.averageActive(postDays: postDays, window: 1, period: period) == 0.2)
        // WAU: A covers 10…18 (9 days); B's 7-day window 5…11 covers 10 and 11.
        #expect(ActiveMembers.averageActive(postDays: postDays, window: 7, period: period) == 1.1)
        // MAU: A covers 10…19, B covers 10…19 too.
        #expect(ActiveMembers.averageActive(postDays: postDays, window: 30, period: period) == 2)
    }
}

@Suite struct PercentileTests {
    @Test func interpolatesLikeNumPy() {
        #expect(Percentile.median([]) == nil)
        #expect(Percentile.median([5]) == 5)
        #expect(Percentile.median([1, 3, 2, 10]) == 2.5)
        #expect(Percentile.percentile(90, of: [600, 1800, 3600]) == 3240)
        #expect(Percentile.percentile(100, of: [1, 2]) == 2)
    }
}

@Suite struct ExcerptTests {
    @Test(arguments: [
        ("hi <@U1> see <https://example.org|the docs> in <#C1|general>", "hi @U1 see the docs in #general"),
        ("<@U2|bob> line one\nline two", "@bob line one line two"),
        ("plain <https://example.org>", "plain https://example.org"),
        ("unclosed <tag", "unclosed <tag"),
    ])
    func makesSlackMarkupReadable(text: String, expected: String) {
        #expect(Engagement.excerpt(text) == expected)
    }

    @Test func cutsLongLines() {
        let excerpt = Engagement.excerpt(String(repeating: "a", count: 200))
        #expect(excerpt.count == 120)
        #expect(excerpt.hasSuffix("…"))
    }
}
