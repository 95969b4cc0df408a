import HeartbeatAnalytics
import HeartbeatCore

extension ContentReport {
    public var document: ReportDocument {
        typealias Column = ReportDocument.Column
        typealias Fact = ReportDocument.Fact
        typealias Cell = ReportDocument.Cell
        func rate(_ value: Double?) -> Cell { value.map(Cell.percent) ?? Cell(display: "–", raw: "") }
        func count(_ value: Int?) -> Cell { value.map(Cell.int) ?? Cell(display: "–", raw: "") }
        var sections: [ReportDocument.Section] = []
        sections.append(
            .init(
                title: "Readership", key: "summary",
                note: "A visit ends after \(sessionMinutes) minutes without a page view; a bounce is a visit with one page view. New visitors read for the first time in the period.",
                content: .facts([
                    Fact("Page views", key: "page_views", .int(summary.pageViews)),
                    Fact("Unique visitors", key: "unique_visitors", .int(summary.uniqueVisitors)),
                    Fact("Visits", key: "visits", .int(summary.visits)),
                    Fact("Bounce rate", key: "bounce_rate", rate(summary.bounceRate)),
                    Fact("Pages per visit", key: "pages_per_visit", .optionalDecimal(summary.pagesPerVisit)),
                    Fact("Daily active readers (mean)", key: "daily_active_readers", .decimal(summary.dailyActiveReaders)),
                    Fact("New visitors", key: "new_visitors", .int(summary.newVisitors)),
                    Fact("Returning visitors", key: "returning_visitors", .int(summary.returningVisitors)),
                    Fact("Visitors with several visits", key: "visitors_with_several_visits", .int(summary.visitorsWithSeveralVisits)),
                    Fact("Visits from other sites", key: "referred_visits", .int(summary.referredVisits)),
                    Fact("Views by known members", key: "member_views", .int(summary.memberViews)),
                    Fact("Members reading", key: "member_readers", .int(summary.memberReaders)),
                    Fact(
                        "Business-aligned share (focus-tagged items)", key: "focus_share", rate(summary.focusShare)),
                    Fact("  of catalog views", key: "focus_share_of_catalog", rate(summary.focusShareOfCatalog)),
                ])))
        let itemColumns = [
            Column("Item", key: "title", alignRight: false), Column("Author", key: "author", alignRight: false),
            Column("Published", key: "published", alignRight: false), Column("Tags", key: "tags", alignRight: false),
            Column("Views", key: "page_views"), Column("Readers", key: "readers"), Column("Bounce rate", key: "bounce_rate"),
            Column("First 7 days", key: "first_week_views"), Column("First 30 days", key: "first_month_views"),
        ]
        sections.append(
            .init(
                title: "Content items", key: "items",
                note: items.isEmpty
                    ? "No catalog yet: heartbeat content import catalog.csv (or the blog's feed URL saved as a file)."
                    : "Views and readers in the period; bounce rate of the visits entering on the item; first 7/30 days after publication over the whole history (* = the 30 days are not over). Focus items are marked ◆.",
                content: .table(
                    columns: itemColumns,
                    rows: items.map { item in
                        [
                            .text((item.isFocus ? "◆ " : "") + item.title + (item.submissionID.map { " (#\($0))" } ?? "")),
                            .text(item.author ?? "–"), .text(item.published ?? "–"), .text(item.tags.joined(separator: ", ")),
                            .int(item.pageViews), .int(item.readers), rate(item.bounceRate), count(item.firstWeekViews),
                            item.firstMonthViews.map { value in
                                Cell(display: ValueFormat.grouped(value) + (item.firstMonthComplete == false ? "*" : ""), raw: String(value))
                            } ?? Cell(display: "–", raw: ""),
                        ]
                    })))
        sections.append(
            .init(
                title: "Tags", key: "tags", note: "Readers = distinct visitors of the tag's items. Share = of all page views.",
                content: .table(
                    columns: [
                        Column("Tag", key: "tag", alignRight: false), Column("Items", key: "items"), Column("Views", key: "page_views"),
                        Column("Share", key: "share"), Column("Readers", key: "readers"), Column("Bounce rate", key: "bounce_rate"),
                        Column("First 7 days", key: "first_week_views"), Column("First 30 days", key: "first_month_views"),
                    ],
                    rows: tags.map {
                        [
                            .text(($0.isFocus ? "◆ " : "") + $0.tag), .int($0.items), .int($0.pageViews), rate($0.share), .int($0.readers),
                            rate($0.bounceRate), .int($0.firstWeekViews), .int($0.firstMonthViews),
                        ]
                    })))
        sections.append(
            .init(
                title: "Authors", key: "authors", note: "An author's reach: views and distinct readers of their items in the period.",
                content: .table(
                    columns: [
                        Column("Author", key: "author", alignRight: false), Column("Member", key: "member_id"),
                        Column("Items", key: "items"), Column("Views", key: "page_views"), Column("Readers", key: "readers"),
                    ],
                    rows: authors.map {
                        [.text($0.author), $0.memberID.map { .text("#\($0)") } ?? .text("–"), .int($0.items), .int($0.pageViews), .int($0.readers)]
                    })))
        sections.append(
            .init(
                title: "Top pages", key: "pages", note: "Every path read, catalog or not. Entrances = visits that started on the page.",
                content: .table(
                    columns: [
                        Column("Path", key: "path", alignRight: false), Column("Title", key: "title", alignRight: false),
                        Column("Views", key: "page_views"), Column("Visitors", key: "visitors"), Column("Entrances", key: "entrances"),
                        Column("Bounce rate", key: "bounce_rate"),
                    ],
                    rows: pages.map {
                        [.text($0.path), .text($0.title ?? "–"), .int($0.pageViews), .int($0.visitors), .int($0.entrances), rate($0.bounceRate)]
                    })))
        sections.append(
            .init(
                title: "Top referrers", key: "referrers", note: "Visits by the site that linked to their first page; direct and internal visits are not listed.",
                content: .table(
                    columns: [Column("Site", key: "host", alignRight: false), Column("Visits", key: "visits"), Column("Share of visits", key: "share")],
                    rows: referrers.map { [.text($0.host), .int($0.visits), .percent($0.share)] })))
        var charts: [Chart] = []
        if !days.isEmpty && summary.pageViews > 0 {
            var chart = LineChart(
                title: "Page views and readers per day", key: "views-per-day", days: days.map(\.day.dayNumber),
                series: [
                    .init(name: "Page views", values: days.map { Double($0.pageViews) }),
                    .init(name: "Readers", values: days.map { Double($0.visitors) }),
                ], leftTitle: "per day")
            chart.markers = items.compactMap { item in
                item.published.flatMap { CivilDate(iso: $0) }.map { LineChart.Marker(day: $0.dayNumber, label: "published: \(item.title)") }
            }
            charts.append(.line(chart))
        }
        let readTags = tags.filter { $0.pageViews > 0 }
        if !readTags.isEmpty {
            charts.append(
                .bars(
                    BarChart(
                        title: "Views per tag", key: "views-per-tag",
                        bars: readTags.prefix(15).map { .init(label: $0.tag, value: Double($0.pageViews)) }, valueTitle: "page views in the period")))
        }
        return ReportDocument(title: "Heartbeat content report", subtitle: scope.subtitle, sections: sections, charts: charts)
    }
}
