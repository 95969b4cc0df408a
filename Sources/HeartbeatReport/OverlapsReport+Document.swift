import HeartbeatAnalytics

extension OverlapsReport {
    public var document: ReportDocument {
        typealias Column = ReportDocument.Column
        let note =
            pairs.isEmpty
            ? "No two open pieces of work reach the threshold."
            : "Most similar first. Bring the two authors together before both finish the same work."
        return ReportDocument(
            title: "Heartbeat overlaps",
            subtitle: "\(openCompared) open pieces compared (word weights from \(corpus)); similarity ≥ \(ValueFormat.fixed(threshold, places: 2))",
            sections: [
                .init(
                    title: "Possible duplicate work", key: "pairs", note: note,
                    content: .table(
                        columns: [
                            Column("Similarity", key: "similarity"),
                            Column("First", key: "first", alignRight: false),
                            Column("Author", key: "first_author", alignRight: false),
                            Column("State", key: "first_state", alignRight: false),
                            Column("Second", key: "second", alignRight: false),
                            Column("Author", key: "second_author", alignRight: false),
                            Column("State", key: "second_state", alignRight: false),
                            Column("Shared", key: "shared_terms", alignRight: false),
                        ],
                        rows: pairs.map {
                            [
                                .decimal($0.similarity, places: 2), .text("\($0.first.reference) \($0.first.title)"),
                                .text($0.first.author), .text($0.first.state), .text("\($0.second.reference) \($0.second.title)"),
                                .text($0.second.author), .text($0.second.state),
                                .text(($0.sharedTerms + $0.sharedTags.map { "#" + $0 }).joined(separator: ", ")),
                            ]
                        }))
            ])
    }
}
