import HeartbeatCore

/// Retention: of the people who joined in a month (or week), how many still post later; and who is
/// new, returning, churned and reactivated in each month.
///
/// Definitions (quoted in the README; `churn_days` under `[retention]`, default 60):
/// - **Cohort**: the persons (not bots) first seen (channel join or first activity) in a calendar
///   month (`--by week`: a Monday-to-Sunday week, UTC) inside the period. **Retention at offset k**:
///   the share of the cohort who posted (message or reply) in the k-th bucket after the one they
///   joined in (k = 0 is the joining bucket itself). Buckets are cut at the period's end; the last
///   one may be partial.
/// - For each bucket of the period, among persons who posted in it: **new** posted for the first
///   time ever; **returning** posted before and their previous post is less than `churn_days` days
///   before their first post in the bucket; **reactivated** posted before but had been silent for
///   `churn_days` days or more. **Churned**: persons whose silence reached `churn_days` days in the
///   bucket (their last post was `churn_days` days before a moment of the bucket, with no post since).
public enum Retention {
    public static func report(
        store: any CommunityStore, request: ReportRequest, config: HeartbeatConfig, by bucket: CalendarBucket = .month
    ) async throws -> RetentionReport {
        // Look back far enough to find each poster's previous post and churns that began before.
        let context = try await ReportContext.load(
            store: store, request: request, config: config, lookBackDays: config.retention.churnDays + 31)
        return report(context: context, by: bucket)
    }

    public static func report(context: ReportContext, by bucket: CalendarBucket) -> RetentionReport {
        let snapshot = context.snapshot
        let period = context.period
        let churnMicroseconds = Int64(context.config.retention.churnDays) * Timestamp.microsecondsPerDay
        guard period.dayCount > 0 else {
            return RetentionReport(scope: context.scope, bucket: bucket, churnDays: context.config.retention.churnDays, cohorts: [], buckets: [])
        }
        let firstBucket = bucket.index(ofDay: period.firstDay)
        let lastBucket = bucket.index(ofDay: period.endDay - 1)
        let bucketCount = Int(lastBucket - firstBucket) + 1
        func bucketOf(_ microseconds: Int64) -> Int { Int(bucket.index(ofDay: Timestamp(microseconds: microseconds).dayNumber) - firstBucket) }

        // Posts per person, in time order (the snapshot is sorted).
        var postTimes = [[Int64]](repeating: [], count: snapshot.members.count)
        for activity in snapshot.activities
        where activity.kind.isPost && snapshot.isPerson(activity.member) && activity.time < period.end.microseconds {
            postTimes[Int(activity.member)].append(activity.time)
        }

        // Cohorts.
        var cohortMembers = [[Int]](repeating: [], count: bucketCount)
        for (index, member) in snapshot.members.enumerated() where member.isHuman {
            guard let firstSeen = member.firstSeen, period.contains(firstSeen) else { continue }
            cohortMembers[bucketOf(firstSeen.microseconds)].append(index)
        }
        var cohorts: [RetentionCohort] = []
        for (offset, members) in cohortMembers.enumerated() where !members.isEmpty {
            var retained = [Int](repeating: 0, count: bucketCount - offset)
            for member in members {
                var seen = Set<Int>()
                for time in postTimes[Int(member)] where time >= period.start.microseconds {
                    let later = bucketOf(time) - offset
                    if later >= 0, seen.insert(later).inserted { retained[later] += 1 }
                }
            }
            cohorts.append(
                RetentionCohort(
                    cohort: bucket.label(of: firstBucket + Int64(offset)), size: members.count, posted: retained,
                    retention: retained.map { Double($0) / Double(members.count) }))
        }

        // New, returning, reactivated, churned per bucket.
        var states = (0..<bucketCount).map { offset in
            RetentionBucket(bucket: bucket.label(of: firstBucket + Int64(offset)), activePosters: 0, new: 0, returning: 0, reactivated: 0, churned: 0)
        }
        for (member, times) in postTimes.enumerated() where !times.isEmpty {
            let firstPostEver = snapshot.members[member].firstPost?.microseconds ?? times[0]
            var previous: Int64? = nil
            var lastCountedBucket = -1
            for time in times {
                defer { previous = time }
                if let previous, time - previous >= churnMicroseconds {
                    let churnMoment = previous + churnMicroseconds
                    if period.contains(microseconds: churnMoment) { states[bucketOf(churnMoment)].churned += 1 }
                }
                guard period.contains(microseconds: time) else { continue }
                let index = bucketOf(time)
                guard index != lastCountedBucket else { continue }
                lastCountedBucket = index
                states[index].activePosters += 1
                if let previous {
                    if time - previous < churnMicroseconds {
                        states[index].returning += 1
                    } else {
                        states[index].reactivated += 1
                    }
                } else if time <= firstPostEver {
                    states[index].new += 1
                } else {
                    // An earlier post exists before the look-back window: silent for longer than
                    // the window, which is longer than churn_days.
                    states[index].reactivated += 1
                }
            }
            if let last = times.last {
                let churnMoment = last + churnMicroseconds
                if period.contains(microseconds: churnMoment) { states[bucketOf(churnMoment)].churned += 1 }
            }
        }
        return RetentionReport(
            scope: context.scope, bucket: bucket, churnDays: context.config.retention.churnDays, cohorts: cohorts,
            buckets: states)
    }
}
