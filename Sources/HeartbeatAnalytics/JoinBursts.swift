import HeartbeatCore

/// Days whose joins are anomalous against a robust baseline (definition in `Organic`).
enum JoinBursts {
    struct Result {
        var bursts: [JoinBurst]
    }

    /// 1.4826 × MAD estimates the standard deviation of normally distributed data.
    static let madScale = 1.4826
    /// The baseline is the trailing window of this many days before the day judged…
    static let windowDays = 28
    /// …and needs at least this many of them (from the first join on) to judge at all.
    static let minimumBaselineDays = 7

    static func find(
        in snapshot: CommunitySnapshot, period: Period, settings: HeartbeatConfig.OrganicSettings,
        everActive: (CommunitySnapshot.Member) -> Bool
    ) -> Result {
        var joinersByDay: [Int64: [Int]] = [:]
        for (index, member) in snapshot.members.enumerated() where member.isHuman {
            guard let firstSeen = member.firstSeen, firstSeen < period.end else { continue }
            joinersByDay[firstSeen.dayNumber, default: []].append(index)
        }
        guard let firstDay = joinersByDay.keys.min() else { return Result(bursts: []) }
        var bursts: [JoinBurst] = []
        for day in max(firstDay, period.firstDay)..<max(firstDay, period.endDay) {
            guard let joiners = joinersByDay[day], joiners.count >= settings.burstMinJoins else { continue }
            let windowStart = max(firstDay, day - Int64(windowDays))
            guard day - windowStart >= Int64(minimumBaselineDays) else { continue }
            let baseline = (windowStart..<day).map { Double(joinersByDay[$0]?.count ?? 0) }
            let median = Percentile.median(baseline) ?? 0
            let mad = Percentile.median(baseline.map { abs($0 - median) }) ?? 0
            // Counts vary by about √mean even without anomaly (Poisson), which a small MAD can hide.
            let scale = max(madScale * mad, median.squareRoot(), 1)
            let threshold = median + settings.burstThreshold * scale
            let joins = Double(joiners.count)
            guard joins > threshold else { continue }
            bursts.append(
                JoinBurst(
                    day: CivilDate(dayNumber: day).description, joins: joiners.count, baselineMedian: median,
                    baselineMAD: mad, threshold: threshold, excess: joins - median, robustZ: (joins - median) / scale,
                    becameActive: joiners.filter { everActive(snapshot.members[$0]) }.count))
        }
        return Result(bursts: bursts)
    }
}
