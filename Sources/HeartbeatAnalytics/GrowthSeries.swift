import HeartbeatCore

/// Growth versus engagement: total members against weekly active posters, week by week. The
/// question a community manager asks first: are we growing, and is the growth real?
public enum GrowthSeries {
    /// Weeks run Monday to Sunday (UTC); the first and last are cut to the period.
    /// `excluded`: member indexes left out of both columns (the organic series leaves out inflated
    /// accounts); `nil` counts everyone.
    public static func weekly(
        snapshot: CommunitySnapshot, period: Period, countUnseen: Bool, excluded: [Bool]? = nil
    ) -> [WeeklyPoint] {
        guard period.dayCount > 0 else { return [] }
        let firstMonday = period.firstDay - Int64(CivilDate(dayNumber: period.firstDay).weekday)
        let weekCount = Int((period.endDay - 1 - firstMonday) / 7) + 1
        func week(of day: Int64) -> Int { Int((day - firstMonday) / 7) }

        var newMembers = [Int](repeating: 0, count: weekCount)
        var membersBefore = 0
        for (index, member) in snapshot.members.enumerated() where member.isMember && excluded?[index] != true {
            guard let firstSeen = member.firstSeen else {
                if countUnseen { membersBefore += 1 }
                continue
            }
            if firstSeen < period.start {
                membersBefore += 1
            } else if period.contains(firstSeen) {
                newMembers[week(of: firstSeen.dayNumber)] += 1
            }
        }
        // Activities come in time order, so weeks never go back: a poster is new to the week when
        // the last week they were counted in is an earlier one.
        var posters = [Int](repeating: 0, count: weekCount)
        var posts = [Int](repeating: 0, count: weekCount)
        var lastCountedWeek = [Int](repeating: -1, count: snapshot.members.count)
        let isPerson = PersonFlags(snapshot)
        for activity in snapshot.activities
        where activity.kind.isPost && isPerson(activity.member) && period.contains(microseconds: activity.time)
            && excluded?[Int(activity.member)] != true
        {
            let index = week(of: Timestamp(microseconds: activity.time).dayNumber)
            if lastCountedWeek[Int(activity.member)] != index {
                lastCountedWeek[Int(activity.member)] = index
                posters[index] += 1
            }
            posts[index] += 1
        }
        var running = membersBefore
        return (0..<weekCount).map { index in
            running += newMembers[index]
            let monday = firstMonday + Int64(index) * 7
            return WeeklyPoint(
                weekStart: CivilDate(dayNumber: max(monday, period.firstDay)).description, members: running,
                newMembers: newMembers[index], activePosters: posters[index], posts: posts[index])
        }
    }
}
