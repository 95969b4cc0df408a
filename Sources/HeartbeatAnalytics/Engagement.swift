import HeartbeatCore

/// Builds the engagement report. Each figure's definition lives on its field in
/// `EngagementReport.swift` (and in `ActiveMembers`, `FirstResponse`); this file only counts.
public enum Engagement {
    /// Loads what the request needs from the store and builds the report.
    public static func report(
        store: any CommunityStore, request: ReportRequest, config: HeartbeatConfig = HeartbeatConfig()
    ) async throws -> EngagementReport {
        let context = try await ReportContext.load(
            store: store, request: request, config: config, lookBackDays: Int(ActiveMembers.lookBackDays))
        var report = report(snapshot: context.snapshot, period: context.period, request: request)
        let ids = report.threads.unansweredList.map(\.activityID)
        let texts = try await store.texts(ofActivities: ids)
        for index in report.threads.unansweredList.indices {
            let text = texts[report.threads.unansweredList[index].activityID] ?? ""
            report.threads.unansweredList[index].excerpt = excerpt(text)
        }
        return report
    }

    /// The report over a snapshot that holds at least the period and the 29 days before it.
    public static func report(snapshot: CommunitySnapshot, period: Period, request: ReportRequest) -> EngagementReport {
        // The thread figures (first responses, per channel too) and the weekly series read the
        // snapshot and nothing else computed here: on the second core, while this one counts
        // members, posts and reactions (1M-message store, whole history: median of 11 runs 0.26 s -> 0.22 s).
        let ((threadParts, weekly), counted) = ParallelPair.run {
            (
                threadFigures(snapshot: snapshot, period: period, request: request),
                GrowthSeries.weekly(snapshot: snapshot, period: period, countUnseen: request.spaces.isEmpty)
            )
        } _: {
            participation(snapshot: snapshot, period: period, countUnseen: request.spaces.isEmpty)
        }
        var channels = counted.channels
        for (space, spaceFigures) in threadParts.bySpace.enumerated() {
            channels[space].roots = spaceFigures.roots
            channels[space].firstResponseMedianSeconds = spaceFigures.firstResponseMedianSeconds
            channels[space].unansweredQuestions = spaceFigures.unansweredQuestions
        }
        let busyChannels = channels.filter { $0.messages + $0.replies + $0.reactions + $0.botMessages > 0 }
            .sorted { ($0.messages + $0.replies, $1.channel) > ($1.messages + $1.replies, $0.channel) }
        let members = snapshot.members
        return EngagementReport(
            scope: ReportScope(
                since: period.start.isoDay, until: period.lastIncludedDay.description, days: period.dayCount,
                channels: request.spaces, platform: request.platform?.rawValue, segment: request.segment),
            members: counted.members, activity: counted.figures, threads: threadParts.overall, channels: busyChannels,
            topMembers: TopMembers(
                byPosts: ranking(counted.postsByMember, members: members, top: request.top),
                byRepliesToOthers: ranking(counted.repliesToOthers, members: members, top: request.top),
                byReactionsReceived: ranking(counted.reactionsReceived, members: members, top: request.top)),
            weekly: weekly, daily: counted.daily)
    }

    /// What `participation` counts: members, posts and reactions, overall, per channel (by space
    /// index, thread figures still empty) and per member (by member index).
    struct Participation {
        var members: MemberFigures
        var figures: ActivityFigures
        var channels: [ChannelFigures]
        var daily: [DailyPoint]
        var postsByMember: [Int]
        var repliesToOthers: [Int]
        var reactionsReceived: [Int]
    }

    static func participation(snapshot: CommunitySnapshot, period: Period, countUnseen: Bool) -> Participation {
        let members = snapshot.members
        let activities = snapshot.activities
        let isPerson = PersonFlags(snapshot)

        // Members.
        var memberFigures = MemberFigures(total: 0, new: 0, unknownJoinDate: 0, bots: 0, deleted: 0)
        for member in members {
            if member.isBot {
                memberFigures.bots += 1
                continue
            }
            guard member.firstSeen != nil || countUnseen else { continue }
            if member.isDeleted {
                memberFigures.deleted += 1
                continue
            }
            guard let firstSeen = member.firstSeen else {
                memberFigures.total += 1
                memberFigures.unknownJoinDate += 1
                continue
            }
            if firstSeen < period.end { memberFigures.total += 1 }
            if period.contains(firstSeen) { memberFigures.new += 1 }
        }

        // Posts, per member and channel.
        var figures = ActivityFigures(
            activePosters: 0, newPosters: 0, returningPosters: 0, messages: 0, replies: 0, reactions: 0,
            botMessages: 0, averageDAU: 0, averageWAU: 0, averageMAU: 0, stickiness: 0)
        var channels = [ChannelFigures](
            repeating: ChannelFigures(
                channel: "", messages: 0, replies: 0, reactions: 0, activePosters: 0, botMessages: 0, roots: 0,
                firstResponseMedianSeconds: nil, unansweredQuestions: 0), count: snapshot.spaces.count)
        for (index, space) in snapshot.spaces.enumerated() { channels[index].channel = space.name }
        var postsByMember = [Int](repeating: 0, count: members.count)
        var activeMembers = ActiveMembers.Tally(members: members.count, period: period)
        var postedInChannel = MemberSpacePairs(members: members.count, spaces: snapshot.spaces.count)
        var postsByDay = [Int](repeating: 0, count: period.dayCount)
        let lookBackStart = Timestamp.startOfDay(period.firstDay - ActiveMembers.lookBackDays).microseconds
        let periodEnd = period.end.microseconds
        for activity in activities {
            let inPeriod = period.contains(microseconds: activity.time)
            if activity.kind == .botMessage || (activity.kind.isPost && activity.member >= 0 && !isPerson(activity.member)) {
                if inPeriod {
                    figures.botMessages += 1
                    channels[Int(activity.space)].botMessages += 1
                }
                continue
            }
            guard activity.kind.isPost, activity.member >= 0 else { continue }
            guard activity.time >= lookBackStart && activity.time < periodEnd else { continue }
            let day = Timestamp(microseconds: activity.time).dayNumber
            activeMembers.add(member: Int(activity.member), day: day)
            guard inPeriod else { continue }
            postsByDay[Int(day - period.firstDay)] += 1
            postsByMember[Int(activity.member)] += 1
            if postedInChannel.insert(member: activity.member, space: activity.space) {
                channels[Int(activity.space)].activePosters += 1
            }
            if activity.kind.isTopLevelPost {
                figures.messages += 1
                channels[Int(activity.space)].messages += 1
            } else {
                figures.replies += 1
                channels[Int(activity.space)].replies += 1
            }
        }
        for (index, count) in postsByMember.enumerated() where count > 0 {
            figures.activePosters += 1
            if let firstPost = members[index].firstPost, firstPost < period.start {
                figures.returningPosters += 1
            } else {
                figures.newPosters += 1
            }
        }
        let averages = activeMembers.averages()
        figures.averageDAU = averages.dau
        figures.averageWAU = averages.wau
        figures.averageMAU = averages.mau
        figures.stickiness = averages.stickiness
        let daily = zip(averages.daily, postsByDay)
            .enumerated().map { offset, counts in
                DailyPoint(day: CivilDate(dayNumber: period.firstDay + Int64(offset)).description, activePosters: counts.0, posts: counts.1)
            }

        // Reactions given (by persons, on activities of the period) and received (from others).
        var reactionsReceived = [Int](repeating: 0, count: members.count)
        for reaction in snapshot.reactions where isPerson(reaction.reactor) {
            let activity = activities[Int(reaction.activity)]
            guard period.contains(microseconds: activity.time) else { continue }
            figures.reactions += 1
            channels[Int(activity.space)].reactions += 1
            if activity.kind.isPost, isPerson(activity.member), activity.member != reaction.reactor {
                reactionsReceived[Int(activity.member)] += 1
            }
        }

        // Replies to others: the root's author from the loaded root, else the platform's parent author.
        let rootAuthors = ReplyTargets.rootAuthors(in: snapshot)
        var repliesToOthers = [Int](repeating: 0, count: members.count)
        for (index, activity) in activities.enumerated()
        where activity.kind == .reply && isPerson(activity.member) && period.contains(microseconds: activity.time) {
            if rootAuthors[index] != activity.member { repliesToOthers[Int(activity.member)] += 1 }
        }

        return Participation(
            members: memberFigures, figures: figures, channels: channels, daily: daily, postsByMember: postsByMember,
            repliesToOthers: repliesToOthers, reactionsReceived: reactionsReceived)
    }

    /// Threads of the period, overall (with the latest unanswered questions, excerpts still
    /// empty) and per channel (by space index).
    static func threadFigures(
        snapshot: CommunitySnapshot, period: Period, request: ReportRequest
    ) -> (overall: ThreadFigures, bySpace: [ThreadFigures]) {
        let activities = snapshot.activities
        let outcomes = FirstResponse.outcomes(in: snapshot, period: period)
        var threads = FirstResponse.figures(outcomes, in: snapshot)
        var outcomesBySpace = [[FirstResponse.Outcome]](repeating: [], count: snapshot.spaces.count)
        for outcome in outcomes { outcomesBySpace[Int(activities[outcome.root].space)].append(outcome) }
        let bySpace = outcomesBySpace.map { FirstResponse.figures($0, in: snapshot) }
        threads.unansweredList = outcomes.reversed()
            .filter { $0.firstResponseSeconds == nil && activities[$0.root].isQuestion }
            .prefix(request.unansweredListLimit)
            .map { outcome in
                let activity = activities[outcome.root]
                return UnansweredQuestion(
                    activityID: activity.id, channel: snapshot.spaces[Int(activity.space)].name,
                    author: snapshot.members[Int(activity.member)].displayName,
                    postedAt: Timestamp(microseconds: activity.time).isoDateTime, excerpt: "")
            }
        return (threads, bySpace)
    }

    /// The `top` members with the highest non-zero value; ties by name (case-insensitive), then id,
    /// for stable output.
    static func ranking(_ values: [Int], members: [CommunitySnapshot.Member], top: Int) -> [RankedMember] {
        let top = max(0, top)
        var candidates = values.indices.filter { values[$0] > 0 && !members[$0].isBot }
        // Only members whose value reaches the top-th highest can make the list: compare names
        // (lowercased, the costly part) for those alone.
        if candidates.count > top {
            let cutoff = top == 0 ? Int.max : candidates.map { values[$0] }.sorted(by: >)[top - 1]
            candidates = candidates.filter { values[$0] >= cutoff }
        }
        let names = Dictionary(uniqueKeysWithValues: candidates.map { ($0, members[$0].displayName.lowercased()) })
        return candidates
            .sorted { (values[$0], names[$1]!, members[$1].id) > (values[$1], names[$0]!, members[$0].id) }
            .prefix(top)
            .map { RankedMember(memberID: members[$0].id, name: members[$0].displayName, handle: members[$0].handle, value: values[$0]) }
    }

    /// One line of at most 120 characters, with Slack markup made readable: `<@U1>` → `@U1`,
    /// `<https://x|label>` → `label`, `<https://x>` → `https://x`, `<#C1|general>` → `#general`.
    static func excerpt(_ text: String) -> String {
        var readable = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            readable += rest[..<open]
            let inner = rest[rest.index(after: open)..<close]
            let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            if inner.hasPrefix("@") {
                readable += "@" + (parts.count > 1 ? parts[1] : parts[0].dropFirst())
            } else if inner.hasPrefix("#") {
                readable += "#" + (parts.count > 1 ? parts[1] : parts[0].dropFirst())
            } else {
                readable += parts.count > 1 ? parts[1] : parts[0]
            }
            rest = rest[rest.index(after: close)...]
        }
        readable += rest
        let line = readable.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 120 ? String(line.prefix(119)) + "…" : line
    }
}
