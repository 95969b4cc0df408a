import HeartbeatAnalytics

extension SegmentsReport {
    public var document: ReportDocument {
        typealias Column = ReportDocument.Column
        typealias Cell = ReportDocument.Cell
        let metrics: [(String, String, (SegmentFigures) -> Cell)] = [
            ("Members", "members", { .int($0.members) }),
            ("New members", "new_members", { .int($0.newMembers) }),
            ("Active posters", "active_posters", { .int($0.activePosters) }),
            ("Active share", "active_share", { .percent($0.activeShare) }),
            ("Messages", "messages", { .int($0.messages) }),
            ("Thread replies", "replies", { .int($0.replies) }),
            ("Reactions given", "reactions", { .int($0.reactions) }),
            ("Average DAU", "average_dau", { .decimal($0.averageDAU) }),
            ("Average WAU", "average_wau", { .decimal($0.averageWAU) }),
            ("Average MAU", "average_mau", { .decimal($0.averageMAU) }),
            ("Stickiness (DAU/MAU)", "stickiness", { .percent($0.stickiness) }),
            ("Threads started", "threads_started", { .int($0.threadsStarted) }),
            ("Response rate", "response_rate", { .percent($0.responseRate) }),
            ("First response, median", "first_response_median_seconds", { .seconds($0.firstResponseMedianSeconds) }),
            ("Questions", "questions", { .int($0.questions) }),
            ("Unanswered questions", "unanswered_questions", { .int($0.unansweredQuestions) }),
        ]
        let table = ReportDocument.Section(
            title: "Engagement by segment", key: "segments",
            note: "Each segment column is the engagement report computed as if only the segment's members existed.",
            content: .table(
                columns: [Column("Figure", key: "metric", alignRight: false)]
                    + segments.map { Column($0.segment, key: $0.segment) },
                rows: metrics.map { label, key, cell in [Cell(display: label, raw: key)] + segments.map(cell) }))
        return ReportDocument(title: "Heartbeat segments report", subtitle: scope.subtitle, sections: [table])
    }
}
