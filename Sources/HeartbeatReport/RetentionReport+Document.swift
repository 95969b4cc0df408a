import HeartbeatAnalytics

extension RetentionReport {
    /// Offsets shown in the human formats; JSON has them all.
    public static let shownOffsets = 12

    public var document: ReportDocument {
        typealias Column = ReportDocument.Column
        let unit = bucket == .month ? "M" : "W"
        let offsets = min(Self.shownOffsets, cohorts.map(\.retention.count).max() ?? 0)
        var sections: [ReportDocument.Section] = []
        sections.append(
            .init(
                title: "Cohort retention", key: "cohorts",
                note: "Share of each \(bucket.rawValue)'s joiners who posted \(unit)0 (the joining \(bucket.rawValue)), \(unit)1, … later.",
                content: .table(
                    columns: [Column("Cohort", key: "cohort", alignRight: false), Column("Joined", key: "size")]
                        + (0..<offsets).map { Column("\(unit)\($0)", key: "\(unit.lowercased())\($0)") },
                    rows: cohorts.map { cohort in
                        [.text(cohort.cohort), .int(cohort.size)]
                            + (0..<offsets).map { $0 < cohort.retention.count ? .percent(cohort.retention[$0]) : .text("") }
                    })))
        sections.append(
            .init(
                title: "New, returning, reactivated and churned", key: "states",
                note: "Churned = silent for \(churnDays) days after posting; reactivated = posted again after such a silence.",
                content: .table(
                    columns: [
                        Column(bucket == .month ? "Month" : "Week of", key: "bucket", alignRight: false),
                        Column("Active posters", key: "active_posters"), Column("New", key: "new"),
                        Column("Returning", key: "returning"), Column("Reactivated", key: "reactivated"),
                        Column("Churned", key: "churned"),
                    ],
                    rows: buckets.map {
                        [.text($0.bucket), .int($0.activePosters), .int($0.new), .int($0.returning), .int($0.reactivated), .int($0.churned)]
                    })))
        return ReportDocument(title: "Heartbeat retention report", subtitle: scope.subtitle, sections: sections, charts: charts)
    }

    /// The cohort grid as a heatmap (share of joiners who posted, darker is more).
    public var charts: [Chart] {
        guard !cohorts.isEmpty else { return [] }
        let unit = bucket == .month ? "M" : "W"
        let offsets = min(Self.shownOffsets, cohorts.map(\.retention.count).max() ?? 0)
        return [
            .heatmap(
                HeatmapChart(
                    title: "Cohort retention", key: "retention-cohorts",
                    rowLabels: cohorts.map { "\($0.cohort) (\(ValueFormat.grouped($0.size)))" },
                    columnLabels: (0..<offsets).map { "\(unit)\($0)" },
                    values: cohorts.map { cohort in (0..<offsets).map { $0 < cohort.retention.count ? cohort.retention[$0] : nil } },
                    maximum: 1, cellWidth: 46, showValues: true,
                    format: { ValueFormat.fixed($0 * 100, places: 0) + "%" })),
        ]
    }
}
