import HeartbeatAnalytics

extension InfluenceReport {
    public var document: ReportDocument {
        typealias Column = ReportDocument.Column
        typealias Fact = ReportDocument.Fact
        var sections: [ReportDocument.Section] = []
        sections.append(
            .init(
                title: "Interaction graph", key: "graph",
                note: "Edge A→B: reply in B's thread (weight 3), mention of B (2), reaction to B's message (1). Influence = weighted PageRank (damping 0.85), 1.0 = average.",
                content: .facts([
                    Fact("Persons in the graph", key: "persons", .int(graph.persons)),
                    Fact("Distinct edges", key: "edges", .int(graph.edges)),
                    Fact("Replies to others", key: "replies", .int(graph.replies)),
                    Fact("Mentions of others", key: "mentions", .int(graph.mentions)),
                    Fact("Reactions to others", key: "reactions", .int(graph.reactions)),
                    Fact("PageRank iterations", key: "iterations", .int(graph.iterations)),
                    Fact("Converged to 1e-9", key: "converged", .text(graph.converged ? "yes" : "no")),
                ])))
        sections.append(
            .init(
                title: "Levels", key: "levels",
                note: "Value = 0.4 × activity rank + 0.4 × influence rank + 0.2 × alignment rank (percentile ranks among posters). Champion ≥ 0.9, contributor ≥ 0.6, participant = posted, observer = member who did not post.",
                content: .table(
                    columns: [Column("Level", key: "level", alignRight: false), Column("Members", key: "members")],
                    rows: levels.map { [.text($0.level.rawValue), .int($0.members)] })))
        if !focusTerms.isEmpty {
            sections.append(
                .init(
                    title: "Focus terms", key: "focus_terms",
                    note: "idf = ln(1 + posts ÷ posts containing the term): the rarer the term, the more a post about it counts.",
                    content: .table(
                        columns: [
                            Column("Term", key: "term", alignRight: false), Column("Posts", key: "posts"),
                            Column("Members", key: "members"), Column("idf", key: "idf"),
                        ],
                        rows: focusTerms.map { [.text($0.term), .int($0.posts), .int($0.members), .decimal($0.idf, places: 3)] })))
        }
        func table(_ title: String, _ key: String, _ list: [InfluentialMember]) -> ReportDocument.Section {
            .init(
                title: title, key: key, note: nil,
                content: .table(
                    columns: [
                        Column("#", key: "rank"), Column("Member", key: "name", alignRight: false),
                        Column("Level", key: "level", alignRight: false), Column("Value", key: "value"),
                        Column("Influence", key: "influence"), Column("Reach", key: "reach"), Column("Posts", key: "posts"),
                        Column("Alignment", key: "alignment"), Column("Focus share", key: "focus_share"),
                    ],
                    rows: list.enumerated().map { index, member in
                        [
                            .int(index + 1), .member(member.name, member.handle), .text(member.level.rawValue),
                            .decimal(member.value, places: 3), .decimal(member.influence, places: 2), .int(member.reach),
                            .int(member.posts), .decimal(member.alignment, places: 3), .percent(member.focusShare),
                        ]
                    }))
        }
        sections.append(table("Most valuable members", "most_valuable", mostValuable))
        sections.append(table("Most influential members", "most_influential", mostInfluential))
        return ReportDocument(title: "Heartbeat influence report", subtitle: scope.subtitle, sections: sections, charts: charts)
    }

    /// The most influential members by PageRank share.
    public var charts: [Chart] {
        guard !mostInfluential.isEmpty else { return [] }
        return [
            .bars(
                BarChart(
                    title: "Most influential members", key: "influence",
                    bars: mostInfluential.map {
                        .init(label: $0.name, value: $0.influence * 100, valueLabel: ValueFormat.fixed($0.influence * 100, places: 2) + "%")
                    },
                    valueTitle: "share of influence (PageRank, %)")),
        ]
    }
}
