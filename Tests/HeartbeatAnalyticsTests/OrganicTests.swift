@testable import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatTestSupport
import Testing

/// A hand-made January 2026: twenty members join one a day from 01-01 to 01-20 (m1…m19 and "ci"),
/// then fifteen join on 01-21 (b0…b14). m1 posts on 01-05; ci posts "Build N passed" every hour on
/// 01-22 (20 posts); b0 posts on 01-25 and b1 reacts to it; the release bot posts twice on 01-23.
///
/// The 28 days before 01-21 (from the first join on: 01-01…01-20) have one join each → median 1,
/// MAD 0, so the scale is 1 and the threshold 1 + 5 × 1 = 6; 15 joins exceed it.
@Suite struct OrganicTests {
    static let january = Period(from: CivilDate(iso: "2026-01-01")!, until: CivilDate(iso: "2026-02-01")!)

    static func report() -> OrganicReport {
        var builder = SnapshotBuilder()
        builder.channel("general")
        var regular: [Int32] = []
        for day in 1...20 {
            let name = day == 20 ? "ci" : "m\(day)"
            regular.append(builder.member(name, joined: "2026-01-\(day < 10 ? "0" : "")\(day)"))
        }
        let burst = (0..<15).map { builder.member("b\($0)") }
        let bot = builder.member("release-bot", isBot: true)
        for member in burst { builder.join(member, at: SnapshotBuilder.time("2026-01-21", 10)) }
        builder.post(regular[0], at: SnapshotBuilder.time("2026-01-05", 9), "hello everyone")
        for hour in 0..<20 {
            builder.post(regular[19], at: SnapshotBuilder.time("2026-01-22", hour), "Build \(100 + hour) passed")
        }
        builder.post(bot, at: SnapshotBuilder.time("2026-01-23", 9), "v1 released")
        builder.post(bot, at: SnapshotBuilder.time("2026-01-23", 10), "v2 released")
        let post = builder.post(burst[0], at: SnapshotBuilder.time("2026-01-25", 9), "glad to be here")
        builder.react(burst[1], to: post)
        let context = ReportContext(
            snapshot: builder.build(), period: january, request: ReportRequest(), config: HeartbeatConfig())
        return Organic.report(context: context)
    }

    @Test func headline() {
        let headline = Self.report().headline
        #expect(headline.members == 35)
        #expect(headline.everActive == 4)  // m1, ci, b0 (posted), b1 (reacted)
        #expect(headline.activeRecently == 4)
        #expect(headline.neverActive == 31)
        #expect(headline.botLike == 1)  // ci
        #expect(headline.organicMembers == 3)
        #expect(abs(headline.organicScore - 300.0 / 35.0) < 1e-12)
    }

    @Test func findsTheJoinBurstWithItsSize() {
        let report = Self.report()
        #expect(report.joinBursts == [
            JoinBurst(
                day: "2026-01-21", joins: 15, baselineMedian: 1, baselineMAD: 0, threshold: 6, excess: 14, robustZ: 14,
                becameActive: 2)
        ])
        #expect(report.neverActiveInBursts == 13)
        #expect(report.neverActive.count == 20)  // the list limit
        #expect(report.neverActive.first?.joined == "2026-01-21")
    }

    @Test func botsAndBotLikeAccountsWithEvidence() {
        let report = Self.report()
        #expect(report.botMessages == 2)
        #expect(report.bots.map(\.name) == ["release-bot"])
        #expect(report.bots.first?.posts == 2)
        #expect(report.bots.first?.reason == "flagged as a bot by the platform")
        let ci = try! #require(report.botLikeAccounts.first)
        #expect(report.botLikeAccounts.count == 1)
        #expect(ci.name == "ci")
        #expect(ci.posts == 20)
        #expect(ci.nearIdenticalShare == 1)
        #expect(ci.intervalCV == 0)
        #expect(ci.evidence == "20 of 20 posts near-identical (most common ×20: “build # passed”); a post every 1h 00m on average, interval CV 0.00")
    }

    @Test func organicSeriesLeavesOutInflatedAccounts() {
        let report = Self.report()
        // Week of 01-19 (Mon): raw members 35 by its end; organic 3 (m1, b0, b1); posters ci and b0 → b0.
        let raw = try! #require(report.weeklyRaw.first { $0.weekStart == "2026-01-19" })
        let organic = try! #require(report.weeklyOrganic.first { $0.weekStart == "2026-01-19" })
        #expect(raw.members == 35)
        #expect(raw.activePosters == 2)
        #expect(organic.members == 3)
        #expect(organic.activePosters == 1)
    }
}
