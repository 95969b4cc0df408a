import HeartbeatCore

/// Personas and segments declared in `heartbeat.toml` (`[[segment]]`, rules in `SegmentRule`), and
/// the segments report: every engagement figure side by side per segment.
public enum Segments {
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
        var result = [[Bool]](repeating: [Bool](repeating: false, count: rules.count), count: memberCount)
        for (ruleIndex, rule) in rules.enumerated() {
            let titles = rule.titles.map { $0.lowercased() }
            let channelNames = Set(rule.channels.map { $0.lowercased() })
            let wantedSpaces = Set(
                snapshot.spaces.indices.filter { channelNames.contains(snapshot.spaces[$0].name.lowercased()) }.map(Int32.init))
            let terms = Set(rule.terms.map { TextTerms.terms(in: $0).last ?? $0.lowercased() })
            var postedInChannel = [Bool](repeating: false, count: memberCount)
            var usedTerm = [Bool](repeating: false, count: memberCount)
            for (index, activity) in snapshot.activities.enumerated() where activity.kind.isPost && activity.member >= 0 {
                let member = Int(activity.member)
                if wantedSpaces.contains(activity.space) { postedInChannel[member] = true }
                if !terms.isEmpty, !usedTerm[member], index < snapshot.texts.count,
                    TextTerms.terms(in: snapshot.texts[index]).contains(where: terms.contains)
                {
                    usedTerm[member] = true
                }
            }
            for (index, member) in snapshot.members.enumerated() {
                var checks: [Bool] = []
                if !titles.isEmpty {
                    let title = (member.title ?? "").lowercased()
                    checks.append(titles.contains { title.contains($0) })
                }
                if !rule.channels.isEmpty { checks.append(postedInChannel[index]) }
                if !rule.terms.isEmpty { checks.append(usedTerm[index]) }
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
