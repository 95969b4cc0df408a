import HeartbeatAnalytics
import HeartbeatCore

extension EventsReport {
    public var document: ReportDocument {
        typealias Column = ReportDocument.Column
        typealias Fact = ReportDocument.Fact
        typealias Cell = ReportDocument.Cell
        func rate(_ value: Double?) -> Cell { value.map(Cell.percent) ?? Cell(display: "–", raw: "") }
        func score(_ value: Double?) -> Cell { value.map { Cell.decimal($0, places: 1) } ?? Cell(display: "–", raw: "") }
        var sections: [ReportDocument.Section] = []
        sections.append(
            .init(
                title: "Events", key: "summary",
                note: "NPS = % promoters (9–10) − % detractors (0–6). Attendees are matched to members by e-mail; became active = posted within \(followUpDays) days after the event.",
                content: .facts([
                    Fact("Events", key: "events", .int(summary.events)),
                    Fact("Registered", key: "registered", .int(summary.registered)),
                    Fact("Attended", key: "attended", .int(summary.attended)),
                    Fact("Attendance rate", key: "attendance_rate", rate(summary.attendanceRate)),
                    Fact("Distinct attendees", key: "distinct_attendees", .int(summary.distinctAttendees)),
                    Fact("Attended two or more", key: "repeat_attendees", .int(summary.repeatAttendees)),
                    Fact("Feedback answers", key: "responses", .int(summary.responses)),
                    Fact("NPS", key: "nps", score(summary.nps)),
                    Fact("Average rating (1–5)", key: "average_rating", .optionalDecimal(summary.averageRating)),
                    Fact("Attendees who are members", key: "matched_members", .int(summary.matchedMembers)),
                    Fact("  not yet active before", key: "not_yet_active", .int(summary.notYetActive)),
                    Fact("  of those, posted within \(followUpDays) days", key: "became_active", .int(summary.becameActive)),
                    Fact("First-time posters after an event", key: "first_time_posters", .int(summary.firstTimePosters)),
                ])))
        sections.append(
            .init(
                title: "Per event", key: "events", note: "Repeat = attended an earlier event too. Terms = most frequent in the comments.",
                content: .table(
                    columns: [
                        Column("#", key: "id"), Column("Event", key: "title", alignRight: false), Column("Date", key: "date", alignRight: false),
                        Column("Registered", key: "registered"), Column("Attended", key: "attended"),
                        Column("Attendance rate", key: "attendance_rate"), Column("Repeat", key: "repeat_attendees"),
                        Column("Answers", key: "responses"), Column("NPS", key: "nps"), Column("Rating", key: "average_rating"),
                        Column("Members", key: "matched_members"), Column("Not yet active", key: "not_yet_active"),
                        Column("Became active", key: "became_active"), Column("First-time posters", key: "first_time_posters"),
                        Column("Comment terms", key: "comment_terms", alignRight: false),
                    ],
                    rows: events.map {
                        [
                            .int(Int($0.id)), .text($0.title), .text($0.startsAt.isoDay), .int($0.registered), .int($0.attended),
                            rate($0.attendanceRate), .int($0.repeatAttendees), .int($0.responses), score($0.nps),
                            .optionalDecimal($0.averageRating), .int($0.matchedMembers), .int($0.notYetActive), .int($0.becameActive),
                            .int($0.firstTimePosters), .text($0.commentTerms.joined(separator: ", ")),
                        ]
                    })))
        sections.append(
            .init(
                title: "Attendees who are members", key: "members", note: "What each matched attendee did in chat around the event.",
                content: .table(
                    columns: [
                        Column("Event", key: "event", alignRight: false), Column("Member", key: "name", alignRight: false),
                        Column("After the event", key: "status", alignRight: false),
                    ],
                    rows: members.map { [.text($0.event), .member($0.name, $0.handle), .text($0.status)] })))
        var charts: [Chart] = []
        if !events.isEmpty {
            charts.append(
                .bars(
                    BarChart(
                        title: "Attendance per event", key: "attendance-per-event",
                        bars: events.map {
                            .init(label: $0.title, value: Double($0.attended), valueLabel: "\($0.attended) of \($0.registered)")
                        }, valueTitle: "attended")))
        }
        let scored = events.filter { $0.nps != nil }
        if !scored.isEmpty {
            charts.append(
                .bars(
                    BarChart(
                        title: "NPS per event", key: "nps-per-event",
                        bars: scored.map {
                            .init(label: $0.title, value: max(0, $0.nps ?? 0), valueLabel: ValueFormat.fixed($0.nps ?? 0, places: 1))
                        }, valueTitle: "NPS (bars from 0; a negative score shows as its label)")))
        }
        return ReportDocument(title: "Heartbeat events report", subtitle: scope.subtitle, sections: sections, charts: charts)
    }
}
