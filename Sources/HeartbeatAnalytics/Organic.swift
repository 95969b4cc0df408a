import HeartbeatCore

/// Organic versus inflated: how much of the headcount is real, participating people.
///
/// Definitions (quoted in the README; settings under `[organic]` and `[bots]` in heartbeat.toml):
/// - **Members**: as in the engagement report (persons with a non-deleted account, joined by the
///   period end). **Ever active**: posted, replied or reacted at any time before the period end.
///   **Active recently**: posted, replied or reacted in the `active_days` (30) days up to the end.
/// - **Never active**: members who are not ever active, listed with their join date.
/// - **Daily joins**: persons whose first appearance (channel join or first activity) falls on that
///   UTC day. **Join burst**: a day of the period with at least `burst_min_joins` (10) joins that
///   exceed median + `burst_threshold` (5) × max(1.4826 × MAD, √median, 1), where median and MAD (median
///   absolute deviation) are those of the daily joins over the 28 days before it (days without
///   joins count as 0; only days from the first join on; at least 7 of them are needed; √median is a
///   floor because daily joins are counts, whose natural noise a small MAD understates). A trailing
///   baseline follows the community's own growth, so a launch week or a steady rise is not a burst,
///   while a day with many times the recent joins is. For each burst: joins, the baseline, the
///   excess over the median, and how many of those members ever became active.
/// - **Bots**: accounts the platform flags as bots or that heartbeat.toml lists, with their posts.
///   **Bot-like accounts**: persons with at least `min_messages` (20) posts in the period whose posts
///   are at least `near_identical_share` (50 %) near-identical to another of their posts
///   (`TextTerms.nearIdenticalKey`), or whose gaps between posts have a coefficient of variation
///   below `regular_interval_cv` (0.1), listed with the evidence.
/// - **Organic members**: ever-active members that are not bot-like. **Organic score** = 100 ×
///   organic members ÷ members.
/// - **Weekly series**: the engagement report's growth-versus-engagement series, raw and with the
///   inflated accounts (never active, bot-like) and deleted accounts removed.
public enum Organic {
    public static func report(store: any CommunityStore, request: ReportRequest, config: HeartbeatConfig) async throws -> OrganicReport {
        // Read back far enough for the "active recently" window when the period is shorter.
        let context = try await ReportContext.load(
            store: store, request: request, config: config,
            lookBack: { max(0, config.organic.activeDays - $0.dayCount) }, includeText: true,
            includeReactionHistory: true)
        return report(context: context)
    }

    public static func report(context: ReportContext) -> OrganicReport {
        let snapshot = context.snapshot
        let period = context.period
        let settings = context.config.organic
        let members = snapshot.members
        let countUnseen = context.request.spaces.isEmpty
        let end = period.end

        func everActive(_ member: CommunitySnapshot.Member) -> Bool {
            (member.firstPost.map { $0 < end } ?? false) || (member.firstReaction.map { $0 < end } ?? false)
        }

        // Recently active: posted or reacted in the last `activeDays` days up to the end.
        let recentStart = Timestamp.startOfDay(period.endDay - Int64(settings.activeDays)).microseconds
        var recent = [Bool](repeating: false, count: members.count)
        for activity in snapshot.activities
        where activity.kind.isPost && activity.member >= 0 && activity.time >= recentStart && activity.time < end.microseconds {
            recent[Int(activity.member)] = true
        }
        for reaction in snapshot.reactions where reaction.reactor >= 0 {
            let time = snapshot.activities[Int(reaction.activity)].time
            if time >= recentStart && time < end.microseconds { recent[Int(reaction.reactor)] = true }
        }

        let botLike = BotBehaviour.assess(context: context)
        let botLikeFlags = botLike.flags
        var headline = OrganicHeadline(
            members: 0, everActive: 0, activeRecently: 0, activeDays: settings.activeDays, neverActive: 0,
            botLike: 0, organicMembers: 0, organicScore: 0)
        var neverActive: [NeverActiveMember] = []
        // The organic series counts current members only: deleted accounts are left out too.
        var excluded = members.map(\.isDeleted)
        for (index, member) in members.enumerated() where context.isMemberAtPeriodEnd(member) {
            headline.members += 1
            let active = everActive(member)
            if active { headline.everActive += 1 } else {
                headline.neverActive += 1
                excluded[index] = true
                neverActive.append(
                    NeverActiveMember(
                        memberID: member.id, name: member.displayName, handle: member.handle,
                        joined: member.firstSeen?.isoDay))
            }
            if recent[index] { headline.activeRecently += 1 }
            if botLikeFlags[index] {
                headline.botLike += 1
                excluded[index] = true
            }
            if active && !botLikeFlags[index] { headline.organicMembers += 1 }
        }
        headline.organicScore = headline.members > 0 ? 100 * Double(headline.organicMembers) / Double(headline.members) : 0
        neverActive.sort { ($0.joined ?? "", $1.name.lowercased(), $1.memberID) > ($1.joined ?? "", $0.name.lowercased(), $0.memberID) }
        let bursts = JoinBursts.find(in: snapshot, period: period, settings: settings, everActive: everActive)

        return OrganicReport(
            scope: context.scope, headline: headline, joinBursts: bursts.bursts,
            neverActiveInBursts: bursts.bursts.reduce(0) { $0 + $1.joins - $1.becameActive },
            neverActive: Array(neverActive.prefix(context.request.unansweredListLimit)),
            bots: botLike.bots, botMessages: botLike.botMessages, botLikeAccounts: botLike.botLike,
            weeklyRaw: GrowthSeries.weekly(snapshot: snapshot, period: period, countUnseen: countUnseen),
            weeklyOrganic: GrowthSeries.weekly(snapshot: snapshot, period: period, countUnseen: countUnseen, excluded: excluded))
    }
}
