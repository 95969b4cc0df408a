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
        return membershipByID(of: rules, in: try await wholeHistory(for: rules, store: store, config: config))
    }

    /// The whole history of every channel and platform, with texts when a rule has terms, and the
    /// accounts `heartbeat.toml` lists as bots marked: what membership is evaluated on.
    static func wholeHistory(
        for rules: [SegmentRule], store: any CommunityStore, config: HeartbeatConfig
    ) async throws -> CommunitySnapshot {
        var snapshot = try await store.snapshot(ActivityQuery(includeText: rules.contains(where: \.needsText)))
        ReportContext.markConfiguredBots(in: &snapshot, config: config)
        return snapshot
    }

    static func membershipByID(of rules: [SegmentRule], in snapshot: CommunitySnapshot) -> [Int64: [Bool]] {
        let flags = membership(of: rules, in: snapshot)
        var byID: [Int64: [Bool]] = [:]
        byID.reserveCapacity(snapshot.members.count)
        for (index, member) in snapshot.members.enumerated() { byID[member.id] = flags[index] }
        return byID
    }

    /// For each member index of `snapshot`, whether it is in each of `rules`. Needs the snapshot's
    /// texts when a rule has terms.
    public static func membership(of rules: [SegmentRule], in snapshot: CommunitySnapshot) -> [[Bool]] {
        let memberCount = snapshot.members.count
        let ruleCount = rules.count
        let spaceNames = snapshot.spaces.map { $0.name.lowercased() }
        let channelSets = rules.map { rule in Set(rule.channels.map { $0.lowercased() }) }
        // Per space, the rules whose channels include it.
        let rulesOfSpace = spaceNames.map { name in rules.indices.filter { channelSets[$0].contains(name) } }
        // The rules' terms interned: per term id, the rules naming it. A term no message can
        // contain (a stop word, markup) gets no id, and matches nothing, as before.
        let termSets = rules.map { Set(TextTerms.normalized($0.terms)) }
        let termRules = rules.indices.filter { !termSets[$0].isEmpty }
        var vocabulary = TermVocabulary()
        let termIDs = termSets.map { terms in terms.compactMap { vocabulary.intern(term: $0) } }
        var rulesOfTerm = [[Int]](repeating: [], count: vocabulary.count)
        for (ruleIndex, ids) in termIDs.enumerated() {
            for id in ids { rulesOfTerm[Int(id)].append(ruleIndex) }
        }

        // One pass over the posts for every rule: each text is scanned at most once, and not at
        // all once its author matched every rule with terms. Flags are `member * ruleCount + rule`.
        var postedInChannel = [Bool](repeating: false, count: memberCount * ruleCount)
        var usedTerm = postedInChannel
        var ids: [Int32] = []
        for (index, activity) in snapshot.activities.enumerated() where activity.kind.isPost && activity.member >= 0 {
            let row = Int(activity.member) * ruleCount
            for rule in rulesOfSpace[Int(activity.space)] { postedInChannel[row + rule] = true }
            guard index < snapshot.texts.count, termRules.contains(where: { !usedTerm[row + $0] }) else { continue }
            ids.removeAll(keepingCapacity: true)
            vocabulary.knownTerms(of: snapshot.texts[index], into: &ids)
            for id in ids {
                for rule in rulesOfTerm[Int(id)] { usedTerm[row + rule] = true }
            }
        }

        let titleSets = rules.map { $0.titles.map { $0.lowercased() } }
        // Per distinct title, whether it matches each rule's titles: members share few titles,
        // and the substring search is the slow part.
        var titleMatches: [String: [Bool]] = [:]
        var result = [[Bool]](repeating: [Bool](repeating: false, count: ruleCount), count: memberCount)
        for (index, member) in snapshot.members.enumerated() {
            let title = member.title ?? ""
            let matches = titleMatches[title] ?? {
                let lowercased = title.lowercased()
                let matches = titleSets.map { titles in titles.contains { lowercased.contains($0) } }
                titleMatches[title] = matches
                return matches
            }()
            for (ruleIndex, rule) in rules.enumerated() {
                var checks: [Bool] = []
                if !titleSets[ruleIndex].isEmpty { checks.append(matches[ruleIndex]) }
                if !rule.channels.isEmpty { checks.append(postedInChannel[index * ruleCount + ruleIndex]) }
                if !rule.terms.isEmpty { checks.append(usedTerm[index * ruleCount + ruleIndex]) }
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
        var rules = config.segments
        if let name = request.segment {
            guard let rule = config.segment(named: name) else {
                throw AnalyticsError.unknownSegment(name, known: config.segments.map(\.name))
            }
            rules = [rule]
        }
        guard !rules.isEmpty, request.platform == nil, request.spaces.isEmpty else {
            let context = try await ReportContext.load(
                store: store, request: everyoneRequest, config: config, lookBackDays: Int(ActiveMembers.lookBackDays))
            let membership = try await membership(of: rules, store: store, config: config)
            return report(context: context, rules: rules, membership: membership)
        }
        // Without channel or platform filters the report reads a part of the whole history that
        // membership reads: one load serves both (ReportContext.load would read it again).
        let range = try await store.activityRange(everyoneRequest.activityQuery)
        let period = everyoneRequest.resolvePeriod(activityRange: range)
        var snapshot = try await wholeHistory(for: rules, store: store, config: config)
        let membership = membershipByID(of: rules, in: snapshot)
        // The report needs neither the texts nor the activities before its look-back: freed.
        snapshot.texts = []
        snapshot = snapshot.activities(since: .startOfDay(period.firstDay - ActiveMembers.lookBackDays))
        let context = ReportContext(snapshot: snapshot, period: period, request: everyoneRequest, config: config)
        return report(context: context, rules: rules, membership: membership)
    }

    /// The segments report over a loaded context; `membership` by member id as from
    /// `membership(of:store:config:)`.
    public static func report(context: ReportContext, rules: [SegmentRule], membership: [Int64: [Bool]]) -> SegmentsReport {
        // Everyone, then each segment's restricted community, one at a time: they are independent,
        // but two engagement reports at once over a 1M-message community raised the peak memory
        // above what the single load saved.
        let segments = [nil] + rules.indices.map { Optional($0) }
        let rows = segments.map { ruleIndex -> SegmentFigures in
            guard let ruleIndex else { return figures("everyone", context.snapshot, context: context) }
            let keep = context.snapshot.members.map { membership[$0.id]?[ruleIndex] ?? false }
            return figures(rules[ruleIndex].name, context.snapshot.restricted(toMembers: keep), context: context)
        }
        var scope = context.scope
        scope.segment = nil
        return SegmentsReport(scope: scope, segments: rows)
    }

    /// One row: the engagement report's figures on `snapshot`.
    static func figures(_ name: String, _ snapshot: CommunitySnapshot, context: ReportContext) -> SegmentFigures {
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
}
