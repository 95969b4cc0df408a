@testable import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatTestSupport
import Testing

/// A hand-made first quarter of 2026 with churn_days = 30:
/// - a joins 01-05, posts 01-06, 02-10, 03-03;
/// - b joins 01-20, posts 01-21 only;
/// - c joins 02-02 and posts that day, then 03-20;
/// - d joins 02-15 and never posts;
/// - old joined 2025-10-01, posted 2025-12-20 and 01-10.
@Suite struct RetentionTests {
    static func report(by bucket: CalendarBucket = .month) -> RetentionReport {
        var builder = SnapshotBuilder()
        builder.channel("general")
        let a = builder.member("a", joined: "2026-01-05")
        let b = builder.member("b", joined: "2026-01-20")
        let c = builder.member("c", joined: "2026-02-02")
        builder.member("d", joined: "2026-02-15")
        let old = builder.member("old", joined: "2025-10-01")
        let t = SnapshotBuilder.time
        builder.post(old, at: t("2025-12-20", 12, 0), "x")
        builder.post(a, at: t("2026-01-06", 12, 0), "x")
        builder.post(old, at: t("2026-01-10", 12, 0), "x")
        builder.post(b, at: t("2026-01-21", 12, 0), "x")
        builder.post(c, at: t("2026-02-02", 12, 0), "x")
        builder.post(a, at: t("2026-02-10", 12, 0), "x")
        builder.post(a, at: t("2026-03-03", 12, 0), "x")
        builder.post(c, at: t("2026-03-20", 12, 0), "x")
        var config = HeartbeatConfig()
        config.retention.churnDays = 30
        let context = ReportContext(
            snapshot: builder.build(),
            period: Period(from: CivilDate(iso: "2026-01-01")!, until: CivilDate(iso: "2026-04-01")!),
            request: ReportRequest(), config: config)
        return Retention.report(context: context, by: bucket)
    }

    @Test func monthlyCohorts() {
        let cohorts = Self.report().cohorts
        // January: a and b both posted in January; only a in February and March.
        // February: c and d; c posted in February and March.
        #expect(cohorts == [
            RetentionCohort(cohort: "2026-01", size: 2, posted: [2, 1, 1], retention: [1, 0.5, 0.5]),
            RetentionCohort(cohort: "2026-02", size: 2, posted: [1, 1], retention: [0.5, 0.5]),
        ])
    }

    @Test func newReturningReactivatedChurned() {
        // January: a, b new; old returning (21 days since 12-20).
        // February: c new; a reactivated (35 days since 01-06). Churned: a (01-06 + 30 = 02-05),
        //   old (01-10 + 30 = 02-09), b (01-21 + 30 = 02-20).
        // March: a returning (21 days); c reactivated (46 days), churned on 03-04.
        #expect(Self.report().buckets == [
            RetentionBucket(bucket: "2026-01", activePosters: 3, new: 2, returning: 1, reactivated: 0, churned: 0),
            RetentionBucket(bucket: "2026-02", activePosters: 2, new: 1, returning: 0, reactivated: 1, churned: 3),
            RetentionBucket(bucket: "2026-03", activePosters: 2, new: 0, returning: 1, reactivated: 1, churned: 1),
        ])
    }

    @Test func weeklyBuckets() {
        let report = Self.report(by: .week)
        // 2025-12-29 is the Monday of the week holding 01-01; 2026-03-30 holds 03-31.
        #expect(report.buckets.first?.bucket == "2025-12-29")
        #expect(report.buckets.last?.bucket == "2026-03-30")
        #expect(report.buckets.count == 14)
        // Week of 01-05: a joined (and posted 01-06) → retained in W0.
        let week = report.cohorts.first { $0.cohort == "2026-01-05" }
        #expect(week?.size == 1)
        #expect(week?.posted.first == 1)
    }
}
