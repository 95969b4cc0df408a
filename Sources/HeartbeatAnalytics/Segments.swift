import HeartbeatCore

/// Personas and segments declared in `heartbeat.toml` (`[[segment]]`, rules in `SegmentRule`), and
/// the segments report: every engagement figure side by side per segment.
public enum Segments {
    /// The ids of the members of the segment `name` (what `--segment` keeps), or an error naming
    /// the segments that exist.
    public static func memberIDs(
        inSegment name: String, store: any CommunityStore, config: HeartbeatConfig
    ) async throws -> Set<Int64> {
        guard let rule = config.segment(named: name) else {
            throw AnalyticsError.unknownSegment(name, known: config.segments.map(\.name))
        }
        return Set(try await membership(of: [rule], store: store, config: config).filter { $0.value.first == true }.keys)
    }

    /// For each member id, whether it is in each of `rules` (same order). Evaluated over the whole
    /// history of every channel and platform, so membership is a trait of the person, not of the
    /// report's filters.
    public static func membership(
        of rules: [SegmentRule], store: any CommunityStore, config: HeartbeatConfig
    ) async throws -> [Int64: [Bool]] {
        guard !rules.isEmpty else { return [:] }
        let query = ActivityQuery(includeText: rules.contains(where: \.needsText))
        var snapshot = try await store.snapshot(query)
        ReportContext.markConfiguredBots(in: &snapshot, config: config)
        let flags = membership(of: rules, in: snapshot)
        var byID: [Int64: [Bool]] = [:]
        for (index, member) in snapshot.members.enumerated() { byID[member.id] = flags[index] }
        return byID
    }

    /// For each member index of `snapshot`, whether it is in each of `rules`. Needs the snapshot's
    /// texts when a rule has terms.
    public static func membership(of rules: [SegmentRule], in snapshot: CommunitySnapshot) -> [[Bool]] {
        let memberCount = snapshot.members.count
        let spaceNames = snapshot.spaces.map { $0.name.lowercased() }
        let channelSets = rules.map { rule in Set(rule.channels.map { $0.lowercased() }) }
        let termSets = rules.map { Set(TextTerms.normalized($0.terms)) }
        let anyTerms = termSets.contains { !$0.isEmpty }

        // One pass over the posts for every rule: each text is tokenized once.
        var postedInChannel = [[Bool]](repeating: [Bool](repeating: false, count: rules.count), count: memberCount)
        var usedTerm = postedInChannel
        for (index, activity) in snapshot.activities.enumerated() where activity.kind.isPost && activity.member >= 0 {
            let member = Int(activity.member)
            let space = spaceNames[Int(activity.space)]
            for rule in rules.indices where channelSets[rule].contains(space) { postedInChannel[member][rule] = true }
            guard anyTerms, index < snapshot.texts.count,
                rules.indices.contains(where: { !termSets[$0].isEmpty && !usedTerm[member][$0] })
            else { continue }
            let terms = TextTerms.terms(in: snapshot.texts[index])
            for rule in rules.indices where !usedTerm[member][rule] && terms.contains(where: termSets[rule].contains) {
                usedTerm[member][rule] = true
            }
        }

        var result = [[Bool]](repeating: [Bool](repeating: false, count: rules.count), count: memberCount)
        for (ruleIndex, rule) in rules.enumerated() {
            let titles = rule.titles.map { $0.lowercased() }
            for (index, member) in snapshot.members.enumerated() {
                var checks: [Bool] = []
                if !titles.isEmpty {
                    let title = (member.title ?? "").lowercased()
                    checks.append(titles.contains { title.contains($0) })
                }
                if !rule.channels.isEmpty { checks.append(postedInChannel[index][ruleIndex]) }
                if !rule.terms.isEmpty { checks.append(usedTerm[index][ruleIndex]) }
                if !rule.platforms.isEmpty { checks.append(rule.platforms.contains(member.platform)) }
                result[index][ruleIndex] = rule.match == .all ? checks.allSatisfy { $0 } : checks.contains(true)
            }
        }
        return result
    }

    /// Every engagement figure for everyone and for each declared segment (or only `--segment`).
    public static func report(
        store: any CommunityStore, request: ReportRequest, config: HeartbeatConfig
    ) async throws -> SegmentsReport {
        var everyoneRequest = request
        everyoneRequest.segment = nil
        let context = try await ReportContext.load(
            store: store, request: everyoneRequest, config: config, lookBackDays: Int(ActiveMembers.lookBackDays))
        var rules = config.segments
        if let name = request.segment {
            guard let rule = config.segment(named: name) else {
                throw AnalyticsError.unknownSegment(name, known: config.segments.map(\.name))
            }
            rules = [rule]
        }
        let membership = try await membership(of: rules, store: store, config: config)
        return report(context: context, rules: rules, membership: membership)
    }

    /// The segments report over a loaded context; `membership` by member id as from
    /// `membership(of:store:config:)`.
    public static func report(context: ReportContext, rules: [SegmentRule], membership: [Int64: [Bool]]) -> SegmentsReport {
        func figures(_ name: String, _ snapshot: CommunitySnapshot) -> SegmentFigures {
            let report = Engagement.report(snapshot: snapshot, period: context.period, request: context.request)
            return SegmentFigures(
                segment: name, members: report.members.total, newMembers: report.members.new,
                activePosters: report.activity.activePosters,
                activeShare: report.members.total > 0 ? Double(report.activity.activePosters) / Double(report.members.total) : 0,
                messages: report.activity.messages, replies: report.activity.replies, reactions: report.activity.reactions,
                averageDAU: report.activity.averageDAU, averageWAU: report.activity.averageWAU,
                averageMAU: report.activity.averageMAU, stickiness: report.activity.stickiness,
                threadsStarted: report.threads.roots, responseRate: report.threads.responseRate,
                firstResponseMedianSeconds: report.threads.firstResponseMedianSeconds,
                questions: report.threads.questions, unansweredQuestions: report.threads.unansweredQuestions)
        }
        var rows = [figures("everyone", context.snapshot)]
        for (ruleIndex, rule) in rules.enumerated() {
            let keep = context.snapshot.members.map { membership[$0.id]?[ruleIndex] ?? false }
            rows.append(figures(rule.name, context.snapshot.restricted(toMembers: keep)))
        }
        var scope = context.scope
        scope.segment = nil
        return SegmentsReport(scope: scope, segments: rows)
    }
}
