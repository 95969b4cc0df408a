import HeartbeatCore

/// The path from community member to technical contributor, per person (not per account: identity
/// resolution makes a Discord member and their GitHub account one person).
///
/// Steps, each the first time ever (whole history of the queried spaces):
/// 1. **member**: first seen anywhere (a join, any activity, a reaction).
/// 2. **posted**: first message or reply in chat (Slack, Discord, Telegram).
/// 3. **answered**: first reply in a thread someone else started (chat, or a comment or review on
///    someone else's GitHub issue or pull request).
/// 4. **opened**: first GitHub issue or pull request.
/// 5. **merged**: first pull request merged (credited to its author).
/// A step counts persons who reached it by the period end, whether or not they passed the step
/// before (those who did not are listed as "skipped previous"); conversion is the share of the
/// previous step's persons who also reached this one; days between steps are measured between the
/// two first times, over persons who reached them in order.
/// **First-time contributors**: persons whose first pull request (or first merge, when the opening
/// is outside the data) falls in a month; **from chat**: those with any chat activity before it.
public enum Funnel {
    public static let stepKeys = ["member", "posted", "answered", "opened", "merged"]
    public static let stepLabels = [
        "Members (read, react or joined)", "Posted in chat", "Answered others", "Opened an issue or pull request",
        "Had a pull request merged",
    ]

    public static func report(store: any CommunityStore, request: ReportRequest, config: HeartbeatConfig) async throws -> FunnelReport {
        let context = try await ReportContext.load(
            store: store, request: request, config: config, lookBackDays: nil, includeReactionHistory: true)
        return report(context: context)
    }

    public static func report(context: ReportContext) -> FunnelReport {
        let snapshot = context.snapshot
        let period = context.period
        let none = Int64.max
        let count = snapshot.members.count
        // firsts[step][member]: first time in microseconds, or `none`.
        var firsts = [[Int64]](repeating: [Int64](repeating: none, count: count), count: stepKeys.count)
        var firstPullRequest = [Int64](repeating: none, count: count)
        var firstChat = [Int64](repeating: none, count: count)
        for (index, member) in snapshot.members.enumerated() where snapshot.isPerson(Int32(index)) {
            let seen = [member.firstSeen, member.firstReaction].compactMap { $0?.microseconds }.min()
            firsts[0][index] = seen ?? none
        }
        let rootAuthors = ReplyTargets.rootAuthors(in: snapshot)
        for (index, activity) in snapshot.activities.enumerated() where snapshot.isPerson(activity.member) {
            let member = Int(activity.member)
            let time = activity.time
            let isChat = snapshot.spaces[Int(activity.space)].platform.isChat
            if isChat { firstChat[member] = min(firstChat[member], time) }
            if isChat && activity.kind.isPost { firsts[1][member] = min(firsts[1][member], time) }
            if activity.kind == .reply {
                let root = rootAuthors[index]
                if root >= 0 && root != activity.member { firsts[2][member] = min(firsts[2][member], time) }
            }
            if activity.kind.isCodeContribution { firsts[3][member] = min(firsts[3][member], time) }
            if activity.kind == .pullRequest || activity.kind == .merge {
                firstPullRequest[member] = min(firstPullRequest[member], time)
            }
            if activity.kind == .merge { firsts[4][member] = min(firsts[4][member], time) }
        }
        // Reactions and the first sighting count toward "member" for everyone who reached a later step.
        for step in 1..<stepKeys.count {
            for member in 0..<count where firsts[step][member] != none {
                firsts[0][member] = min(firsts[0][member], firsts[step][member])
            }
        }

        let end = period.end.microseconds
        let start = period.start.microseconds
        var steps: [FunnelStep] = []
        for step in stepKeys.indices {
            var reached = 0, inPeriod = 0, skipped = 0, previousReached = 0, both = 0
            var days: [Double] = []
            for member in 0..<count {
                let time = firsts[step][member]
                let previous = step > 0 ? firsts[step - 1][member] : none
                if step > 0 && previous < end { previousReached += 1 }
                guard time < end else { continue }
                reached += 1
                if time >= start { inPeriod += 1 }
                guard step > 0 else { continue }
                if previous < end {
                    both += 1
                    if previous <= time { days.append(Double(time - previous) / Double(Timestamp.microsecondsPerDay)) }
                } else {
                    skipped += 1
                }
            }
            steps.append(
                FunnelStep(
                    key: stepKeys[step], label: stepLabels[step], reached: reached, reachedInPeriod: inPeriod,
                    conversion: step > 0 && previousReached > 0 ? Double(both) / Double(previousReached) : nil,
                    skippedPrevious: skipped, medianDaysFromPrevious: Percentile.median(days)))
        }

        // Per calendar month of the period.
        let bucket = CalendarBucket.month
        var months: [FunnelMonth] = []
        var contributors = 0, fromChat = 0
        if period.dayCount > 0 {
            let firstMonth = bucket.index(ofDay: period.firstDay)
            let lastMonth = bucket.index(ofDay: period.endDay - 1)
            months = (firstMonth...lastMonth).map {
                FunnelMonth(
                    month: bucket.label(of: $0), firstPosted: 0, firstAnswered: 0, firstOpened: 0, firstMerged: 0,
                    firstTimeContributors: 0, fromChat: 0)
            }
            func slot(_ time: Int64) -> Int? {
                guard time >= start && time < end else { return nil }
                return Int(bucket.index(ofDay: Timestamp(microseconds: time).dayNumber) - firstMonth)
            }
            for member in 0..<count {
                if let m = slot(firsts[1][member]) { months[m].firstPosted += 1 }
                if let m = slot(firsts[2][member]) { months[m].firstAnswered += 1 }
                if let m = slot(firsts[3][member]) { months[m].firstOpened += 1 }
                if let m = slot(firsts[4][member]) { months[m].firstMerged += 1 }
                if let m = slot(firstPullRequest[member]) {
                    months[m].firstTimeContributors += 1
                    contributors += 1
                    if firstChat[member] < firstPullRequest[member] {
                        months[m].fromChat += 1
                        fromChat += 1
                    }
                }
            }
        }
        return FunnelReport(
            scope: context.scope, steps: steps, months: months, firstTimeContributors: contributors,
            firstTimeContributorsFromChat: fromChat)
    }
}

extension Platform {
    /// Where people talk (not code, not the web, not events): the funnel's "chat".
    public var isChat: Bool { self == .slack || self == .discord || self == .telegram }
}
