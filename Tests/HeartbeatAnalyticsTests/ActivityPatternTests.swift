@testable import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatTestSupport
import Testing

/// Week of Monday 2026-03-02. tokyo (UTC+9) posts Mon 01:00 and Tue 02:00 UTC; berlin (UTC+1 in
/// March before daylight saving) posts Mon 09:00 and 10:00 UTC; nozone (no time zone) posts Mon
/// 09:30 UTC.
@Suite struct ActivityPatternTests {
    static func report() -> ActivityReport {
        var builder = SnapshotBuilder()
        builder.channel("general")
        let tokyo = builder.member("tokyo", timeZone: "Asia/Tokyo")
        let berlin = builder.member("berlin", timeZone: "Europe/Berlin")
        let nozone = builder.member("nozone")
        let t = SnapshotBuilder.time
        builder.post(tokyo, at: t("2026-03-02", 1, 0), "a")
        builder.post(berlin, at: t("2026-03-02", 9, 0), "b")
        builder.post(nozone, at: t("2026-03-02", 9, 30), "c")
        builder.post(berlin, at: t("2026-03-02", 10, 0), "d")
        builder.post(tokyo, at: t("2026-03-03", 2, 0), "e")
        let context = ReportContext(
            snapshot: builder.build(),
            period: Period(from: CivilDate(iso: "2026-03-02")!, until: CivilDate(iso: "2026-03-09")!),
            request: ReportRequest(), config: HeartbeatConfig())
        return ActivityPattern.report(context: context)
    }

    @Test func heatmapsInUTCAndLocalTime() {
        let report = Self.report()
        #expect(report.posts == 5)
        #expect(report.activeMembers == 3)
        #expect(report.membersWithTimeZone == 2)
        #expect(report.postsWithoutTimeZone == 1)
        var utc = [[Int]](repeating: [Int](repeating: 0, count: 24), count: 7)
        utc[0][1] = 1
        utc[0][9] = 2
        utc[0][10] = 1
        utc[1][2] = 1
        #expect(report.utc.map(\.hours) == utc)
        var local = [[Int]](repeating: [Int](repeating: 0, count: 24), count: 7)
        local[0][10] = 2  // tokyo 10:00, berlin 10:00
        local[0][11] = 1  // berlin 11:00
        local[1][11] = 1  // tokyo Tue 11:00
        #expect(report.local.map(\.hours) == local)
    }

    @Test func suggestsTheSlotWithTheMostAvailableMembers() throws {
        let report = Self.report()
        // Mon 09–11 UTC: berlin (posted at 9 and 10, on a Monday, awake 10:00–12:00 local) and
        // nozone (posted at 9 on a Monday, no time zone). Mon 08–10 has the same two members but
        // fewer posts (2 against 3). tokyo only ever posts at 01 and 02 UTC.
        let slot = try #require(report.suggestedSlot)
        #expect(slot.weekday == "Mon")
        #expect(slot.startHourUTC == 9)
        #expect(slot.availableMembers == 2)
        #expect(abs(slot.share - 2.0 / 3.0) < 1e-12)
        #expect(slot.posts == 3)
        #expect(report.topSlots[1].startHourUTC == 8)
        #expect(report.topSlots[1].posts == 2)
    }

    @Test func awakeHoursExcludeMembersAsleep() throws {
        var builder = SnapshotBuilder()
        builder.channel("general")
        let tokyo = builder.member("tokyo", timeZone: "Asia/Tokyo")
        // 20:00 UTC is 05:00 in Tokyo: asleep, so not available although the post is there.
        builder.post(tokyo, at: SnapshotBuilder.time("2026-03-02", 20, 0), "night owl")
        let context = ReportContext(
            snapshot: builder.build(),
            period: Period(from: CivilDate(iso: "2026-03-02")!, until: CivilDate(iso: "2026-03-09")!),
            request: ReportRequest(), config: HeartbeatConfig())
        let report = ActivityPattern.report(context: context)
        #expect(report.topSlots.isEmpty)
        #expect(report.suggestedSlot?.availableMembers == 0)
    }
}
