import HeartbeatCore

/// Influential and valuable members: who the community turns to, and who carries the company's
/// technical focus.
///
/// Definitions (quoted in the README):
/// - **Interaction graph** of the period, between persons (bots excluded, self-interactions
///   ignored): an edge A → B of weight 3 for each thread reply A posts under B's message, 2 for each
///   message of A that mentions B, 1 for each reaction A gives to B's message. A reply says the most
///   about whom people turn to, a reaction the least.
/// - **Influence** = weighted PageRank on that graph: damping 0.85, a member without outgoing
///   edges spreads its rank evenly over everyone, iterated until the ranks change by less than 1e-9
///   in total (at most 1,000 iterations). Shown scaled so that the average member scores 1.0. The
///   nodes are the persons who posted, reacted or were interacted with in the period.
/// - **Reach** = distinct persons with an edge to the member.
/// - **Alignment** (0–1) = over the member's posts in the period, the average of each post's focus
///   weight: the largest `idf` of the focus terms it contains divided by the largest `idf` of any
///   focus term used in the period (0 when it contains none), with `idf(t) = ln(1 + posts ÷ posts
///   containing t)` over all persons' posts of the period. A post about a rare, specific focus term
///   counts fully; one that only names the most common focus term counts less. **Focus share** is
///   the plain share of posts containing any focus term.
/// - **Value** (0–1) = 0.4 × activity rank + 0.4 × influence rank + 0.2 × alignment rank, where the
///   ranks are percentile ranks (0 lowest, 1 highest, ties share their middle rank) among the
///   period's active posters, by posts, by influence and by alignment. Ranks rather than raw scores
///   keep the three parts on one scale. Without focus terms, value = 0.5 × activity rank + 0.5 ×
///   influence rank.
/// - **Levels**: *champion* value ≥ 0.9 (about the top tenth of posters when activity and influence
///   agree); *contributor* ≥ 0.6; *participant*: posted in the period, value below 0.6; *observer*: a
///   member who did not post in the period.
public enum Influence {
    public static let replyWeight = 3.0
    public static let mentionWeight = 2.0
    public static let reactionWeight = 1.0
    public static let damping = 0.85
    public static let tolerance = 1e-9
    public static let maxIterations = 1_000
    public static let championValue = 0.9
    public static let contributorValue = 0.6

    public static func report(
        store: any CommunityStore, request: ReportRequest, config: HeartbeatConfig, focus: [String]? = nil
    ) async throws -> InfluenceReport {
        let terms = focus ?? config.focus
        let context = try await ReportContext.load(
            store: store, request: request, config: config, lookBackDays: 0, includeText: !terms.isEmpty,
            includeMentions: true)
        return report(context: context, focus: terms)
    }

    public static func report(context: ReportContext, focus: [String]) -> InfluenceReport {
        let snapshot = context.snapshot
        let period = context.period
        let members = snapshot.members

        // The graph and the alignment read the snapshot independently: one core each.
        let (graph, alignment) = ParallelPair.run(
            { InteractionGraph(snapshot: snapshot, period: period) },
            { Alignment.compute(focus: focus, snapshot: snapshot, period: period) })
        let nodes = graph.nodes
        let posts = graph.posts
        let ranked = (ranks: graph.ranks, iterations: graph.iterations, converged: graph.converged)
        let reach = graph.reach

        // Value and levels among the active posters.
        let posters = nodes.indices.filter { posts[nodes[$0]] > 0 }
        let activityRanks = Percentile.ranks(posters.map { Double(posts[nodes[$0]]) })
        let influenceRanks = Percentile.ranks(posters.map { ranked.ranks[$0] })
        let alignmentRanks = Percentile.ranks(posters.map { alignment.byMember[nodes[$0]].alignment })
        let hasFocus = !alignment.terms.isEmpty
        var rows: [InfluentialMember] = []
        for (position, node) in posters.enumerated() {
            let member = nodes[node]
            let aligned = alignment.byMember[member]
            let value = hasFocus
                ? 0.4 * activityRanks[position] + 0.4 * influenceRanks[position] + 0.2 * alignmentRanks[position]
                : 0.5 * activityRanks[position] + 0.5 * influenceRanks[position]
            let level: MemberLevel = value >= championValue ? .champion : value >= contributorValue ? .contributor : .participant
            rows.append(
                InfluentialMember(
                    memberID: members[member].id, name: members[member].displayName, handle: members[member].handle,
                    level: level, value: value, influence: ranked.ranks[node] * Double(nodes.count),
                    reach: reach[node], posts: posts[member], alignment: aligned.alignment, focusShare: aligned.share))
        }
        // Ties by name, case-insensitive (each lower-cased once, not per comparison), then id.
        let lowercasedNames = rows.map { $0.name.lowercased() }
        func order(_ key: (InfluentialMember) -> Double) -> [InfluentialMember] {
            rows.indices.sorted { lhs, rhs in
                let (left, right) = (key(rows[lhs]), key(rows[rhs]))
                if left != right { return left > right }
                return (lowercasedNames[lhs], rows[lhs].memberID) < (lowercasedNames[rhs], rows[rhs].memberID)
            }.map { rows[$0] }
        }
        let byValue = order(\.value)
        let byInfluence = order(\.influence)

        // Levels: observers are members (by the period end) who did not post in the period.
        var levelCounts: [MemberLevel: Int] = [:]
        for row in rows { levelCounts[row.level, default: 0] += 1 }
        levelCounts[.observer] = members.indices.filter { posts[$0] == 0 && context.isMemberAtPeriodEnd(members[$0]) }.count

        return InfluenceReport(
            scope: context.scope,
            graph: GraphFigures(
                persons: nodes.count, edges: graph.edgeCount, replies: graph.replies, mentions: graph.mentions,
                reactions: graph.reactions, iterations: ranked.iterations, converged: ranked.converged),
            levels: MemberLevel.allCases.map { LevelCount(level: $0, members: levelCounts[$0] ?? 0) },
            focusTerms: alignment.terms,
            mostValuable: Array(byValue.prefix(context.request.top)),
            mostInfluential: Array(byInfluence.prefix(context.request.top)))
    }

    /// Weighted PageRank. `edges` sorted by source; returns ranks summing to 1.
    static func pageRank(
        nodeCount: Int, edges: [(source: Int, target: Int, weight: Double)]
    ) -> (ranks: [Double], iterations: Int, converged: Bool) {
        guard nodeCount > 0 else { return ([], 0, true) }
        var outWeight = [Double](repeating: 0, count: nodeCount)
        for edge in edges { outWeight[edge.source] += edge.weight }
        let uniform = 1 / Double(nodeCount)
        var ranks = [Double](repeating: uniform, count: nodeCount)
        var next = [Double](repeating: 0, count: nodeCount)
        for iteration in 1...maxIterations {
            var dangling = 0.0
            for node in 0..<nodeCount where outWeight[node] == 0 { dangling += ranks[node] }
            let base = (1 - damping) * uniform + damping * dangling * uniform
            for node in 0..<nodeCount { next[node] = base }
            for edge in edges {
                next[edge.target] += damping * ranks[edge.source] * edge.weight / outWeight[edge.source]
            }
            var change = 0.0
            for node in 0..<nodeCount { change += abs(next[node] - ranks[node]) }
            swap(&ranks, &next)
            if change < tolerance { return (ranks, iteration, true) }
        }
        return (ranks, maxIterations, false)
    }
}
