import HeartbeatCore

/// Days whose joins are anomalous against a robust baseline (definition in `Organic`).
enum JoinBursts {
    struct Result {
        var bursts: [JoinBurst]
        var median: Double
        var mad: Double
        /// Joins above which a day is a burst (before the minimum-size rule).
        var threshold: Double
    }

    /// 1.4826 × MAD estimates the standard deviation of normally distributed data.
    static let madScale = 1.4826

    static func find(
        in snapshot: CommunitySnapshot, period: Period, settings: HeartbeatConfig.OrganicSettings,
        everActive: (CommunitySnapshot.Member) -> Bool
    ) -> Result {
        var joinersByDay: [Int64: [Int]] = [:]
        for (index, member) in snapshot.members.enumerated() where member.isHuman {
            guard let firstSeen = member.firstSeen, firstSeen < period.end else { continue }
            joinersByDay[firstSeen.dayNumber, default: []].append(index)
        }
        guard let firstDay = joinersByDay.keys.min() else { return Result(bursts: [], median: 0, mad: 0, threshold: 0) }
        let lastDay = period.endDay - 1
        let daily = (firstDay...max(firstDay, lastDay)).map { Double(joinersByDay[$0]?.count ?? 0) }
        let median = Percentile.median(daily) ?? 0
        let mad = Percentile.median(daily.map { abs($0 - median) }) ?? 0
        let scale = max(madScale * mad, 1)
        let threshold = median + settings.burstThreshold * scale
        var bursts: [JoinBurst] = []
        for day in max(firstDay, period.firstDay)...max(firstDay, lastDay) where day >= period.firstDay {
            guard let joiners = joinersByDay[day] else { continue }
            let joins = Double(joiners.count)
            guard joins > threshold, joiners.count >= settings.burstMinJoins else { continue }
            bursts.append(
                JoinBurst(
                    day: CivilDate(dayNumber: day).description, joins: joiners.count, excess: joins - median,
                    robustZ: (joins - median) / scale,
                    becameActive: joiners.filter { everActive(snapshot.members[$0]) }.count))
        }
        return Result(bursts: bursts, median: median, mad: mad, threshold: threshold)
    }
}
