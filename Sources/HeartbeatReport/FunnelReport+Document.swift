import HeartbeatAnalytics

extension FunnelReport {
    public var document: ReportDocument {
        typealias Column = ReportDocument.Column
        typealias Fact = ReportDocument.Fact
        let share = firstTimeContributors > 0 ? Double(firstTimeContributorsFromChat) / Double(firstTimeContributors) : nil
        return ReportDocument(
            title: "Heartbeat contributor funnel", subtitle: scope.subtitle,
            sections: [
                .init(
                    title: "From chat to code", key: "funnel",
                    content: .facts([
                        Fact("First-time contributors (first pull request in the period)", key: "first_time_contributors", .int(firstTimeContributors)),
                        Fact("… of whom chat members before", key: "first_time_contributors_from_chat", .int(firstTimeContributorsFromChat)),
                        Fact("… share", key: "from_chat_share", share.map { .percent($0) } ?? .text("–")),
                    ])),
                .init(
                    title: "Steps", key: "steps",
                    note: "Persons who reached each step by the period end (first time ever). Conversion: share of the previous "
                        + "step's persons who also reached this one. Skipped: reached it without the previous step.",
                    content: .table(
                        columns: [
                            Column("Step", key: "step", alignRight: false), Column("Reached", key: "reached"),
                            Column("In period", key: "reached_in_period"), Column("Conversion", key: "conversion"),
                            Column("Skipped previous", key: "skipped_previous"),
                            Column("Median days from previous", key: "median_days_from_previous"),
                        ],
                        rows: steps.map {
                            [
                                .text($0.label), .int($0.reached), .int($0.reachedInPeriod),
                                $0.conversion.map { .percent($0) } ?? .text("–"), .int($0.skippedPrevious),
                                $0.medianDaysFromPrevious.map { .decimal($0) } ?? .text("–"),
                            ]
                        })),
                .init(
                    title: "Per month", key: "months",
                    note: "Persons whose first time at a step fell in the month; first-time contributors on GitHub and how many "
                        + "were active in chat before their first pull request.",
                    content: .table(
                        columns: [
                            Column("Month", key: "month", alignRight: false), Column("First posted", key: "first_posted"),
                            Column("First answered", key: "first_answered"), Column("First issue/PR", key: "first_opened"),
                            Column("First merge", key: "first_merged"),
                            Column("First-time contributors", key: "first_time_contributors"),
                            Column("From chat", key: "from_chat"),
                        ],
                        rows: months.map {
                            [
                                .text($0.month), .int($0.firstPosted), .int($0.firstAnswered), .int($0.firstOpened),
                                .int($0.firstMerged), .int($0.firstTimeContributors), .int($0.fromChat),
                            ]
                        })),
            ],
            charts: charts)
    }

    /// The funnel as bars (persons per step).
    public var charts: [Chart] {
        guard steps.contains(where: { $0.reached > 0 }) else { return [] }
        return [
            .bars(
                BarChart(
                    title: "Contributor funnel", key: "funnel-steps",
                    bars: steps.map {
                        BarChart.Bar(
                            label: $0.label, value: Double($0.reached),
                            valueLabel: ValueFormat.grouped($0.reached) + ($0.conversion.map { " (" + ValueFormat.fixed($0 * 100, places: 0) + "%)" } ?? ""))
                    }, valueTitle: "persons"))
        ]
    }
}
