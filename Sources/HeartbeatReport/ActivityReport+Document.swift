import HeartbeatAnalytics

extension ActivityReport {
    public var document: ReportDocument {
        typealias Column = ReportDocument.Column
        typealias Fact = ReportDocument.Fact
        func slotName(_ slot: EventSlot) -> String {
            let end = (slot.startHourUTC + 2) % 24
            return "\(slot.weekday) \(two(slot.startHourUTC)):00–\(two(end)):00 UTC"
        }
        var sections: [ReportDocument.Section] = []
        var facts = [
            Fact("Posts", key: "posts", .int(posts)),
            Fact("Active posters", key: "active_members", .int(activeMembers)),
            Fact("  with a known time zone", key: "members_with_time_zone", .int(membersWithTimeZone)),
            Fact("Posts left out of local time (no time zone)", key: "posts_without_time_zone", .int(postsWithoutTimeZone)),
        ]
        if let slot = suggestedSlot {
            facts.append(Fact("Suggested live-event slot", key: "suggested_slot", .text(slotName(slot))))
            facts.append(Fact("  members available", key: "suggested_slot_members", .int(slot.availableMembers)))
            facts.append(Fact("  share of active posters", key: "suggested_slot_share", .percent(slot.share)))
        }
        sections.append(
            .init(
                title: "Best time for a live event", key: "summary",
                note: "Available = posted at that hour of day and on that weekday during the period, and awake (\(two(awakeFrom)):00–\(two(awakeUntil)):00 local) when the time zone is known.",
                content: .facts(facts)))
        sections.append(
            .init(
                title: "Best slots", key: "top_slots", note: nil,
                content: .table(
                    columns: [
                        Column("Slot", key: "slot", alignRight: false), Column("Available", key: "available_members"),
                        Column("Share", key: "share"), Column("Posts", key: "posts"),
                    ],
                    rows: topSlots.map { [.text(slotName($0)), .int($0.availableMembers), .percent($0.share), .int($0.posts)] })))
        func heatmap(_ title: String, _ key: String, _ rows: [HeatmapRow]) -> ReportDocument.Section {
            .init(
                title: title, key: key, note: nil,
                content: .table(
                    columns: [Column("Day", key: "weekday", alignRight: false)] + (0..<24).map { Column(two($0), key: "h\(two($0))") },
                    rows: rows.map { row in [.text(row.weekday)] + row.hours.map { .int($0) } }))
        }
        sections.append(heatmap("Posts by hour (UTC)", "heatmap_utc", utc))
        sections.append(heatmap("Posts by hour (members' local time)", "heatmap_local", local))
        return ReportDocument(title: "Heartbeat activity report", subtitle: scope.subtitle, sections: sections, charts: charts)
    }

    /// The two hour-of-week heatmaps.
    public var charts: [Chart] {
        func heatmap(_ title: String, _ key: String, _ rows: [HeatmapRow]) -> Chart {
            .heatmap(
                HeatmapChart(
                    title: title, key: key, rowLabels: rows.map(\.weekday), columnLabels: (0..<24).map(two),
                    values: rows.map { $0.hours.map { Double($0) } }, cellWidth: 26))
        }
        return [
            heatmap("Posts by hour of week (UTC)", "activity-utc", utc),
            heatmap("Posts by hour of week (members' local time)", "activity-local", local),
        ]
    }

    private func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
