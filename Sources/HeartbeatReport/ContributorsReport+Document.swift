import HeartbeatAnalytics
import HeartbeatCore

extension ContributorsReport {
    public var document: ReportDocument {
        typealias Column = ReportDocument.Column
        typealias Fact = ReportDocument.Fact
        typealias Cell = ReportDocument.Cell
        func days(_ value: Double?) -> Cell { .optionalDecimal(value, places: 1) }
        func roles(_ list: [String]) -> Cell { .text(list.joined(separator: ", ")) }
        var sections: [ReportDocument.Section] = []
        sections.append(
            .init(
                title: "Contributor program", key: "summary",
                note: "As of \(asOf). A contributor authored or edits a submission or holds a role; active = posted in chat or had a submission change in the period.",
                content: .facts([
                    Fact("Contributors", key: "contributors", .int(summary.contributors)),
                    Fact("Active contributors", key: "active_contributors", .int(summary.activeContributors)),
                    Fact("New contributors", key: "new_contributors", .int(summary.newContributors)),
                    Fact("Quiet for \(quietDays)+ days", key: "quiet_contributors", .int(summary.quietContributors)),
                    Fact("Open submissions", key: "open_submissions", .int(summary.openSubmissions)),
                    Fact("Pitched in the period", key: "pitched", .int(summary.pitched)),
                    Fact("Published in the period", key: "published", .int(summary.published)),
                    Fact("Pitches decided", key: "decisions", .int(summary.decisions)),
                    Fact("  accepted", key: "accepted", .int(summary.accepted)),
                    Fact("Acceptance rate", key: "acceptance_rate", summary.acceptanceRate.map(Cell.percent) ?? .text("–")),
                    Fact("Pitch to published, median days", key: "pitch_to_published_median_days", days(summary.pitchToPublishedMedianDays)),
                    Fact("Pitch to published, 90th percentile days", key: "pitch_to_published_p90_days", days(summary.pitchToPublishedP90Days)),
                    Fact("Overdue", key: "overdue", .int(summary.overdue)),
                ])))
        sections.append(
            .init(
                title: "Submissions by state", key: "states",
                note: "At end = in this state at the as-of moment; entered = moves into it in the period; median days over the stays that ended in the period.",
                content: .table(
                    columns: [
                        Column("State", key: "state", alignRight: false), Column("At end", key: "at_period_end"),
                        Column("Entered", key: "entered"), Column("Stays ended", key: "stays_ended"),
                        Column("Median days", key: "median_days"), Column("Service level days", key: "service_level_days"),
                    ],
                    rows: states.map {
                        [
                            .text($0.state.rawValue), .int($0.atPeriodEnd), .int($0.entered), .int($0.staysEnded),
                            days($0.medianDays), $0.serviceLevelDays.map(Cell.int) ?? .text("–"),
                        ]
                    })))
        sections.append(
            .init(
                title: "Overdue", key: "overdue",
                note: overdue.isEmpty ? "Nothing is over its service level." : "Longest overdue first. Service levels: [service_levels] <state>_days in heartbeat.toml.",
                content: .table(
                    columns: [
                        Column("#", key: "submission_id"), Column("Title", key: "title", alignRight: false),
                        Column("State", key: "state", alignRight: false), Column("Author", key: "author", alignRight: false),
                        Column("Editor", key: "editor", alignRight: false), Column("Days in state", key: "days_in_state"),
                        Column("Level", key: "service_level_days"), Column("Overdue by (days)", key: "overdue_days"),
                    ],
                    rows: overdue.map {
                        [
                            .int(Int($0.submissionID)), .text($0.title), .text($0.state.rawValue), .text($0.author),
                            .text($0.editor ?? "–"), .decimal($0.daysInState), .int($0.serviceLevelDays), .decimal($0.overdueDays),
                        ]
                    })))
        sections.append(
            .init(
                title: "Roles", key: "roles", note: "Holders = held the role on any day of the period; active = of those, active in the period.",
                content: .table(
                    columns: [
                        Column("Role", key: "role", alignRight: false), Column("Holders", key: "holders"),
                        Column("Active", key: "active"), Column("Granted", key: "granted"), Column("Ended", key: "ended"),
                    ],
                    rows: self.roles.map { [.text($0.role), .int($0.holders), .int($0.active), .int($0.granted), .int($0.ended)] })))
        let people = [Column("Member", key: "name", alignRight: false), Column("Roles", key: "roles", alignRight: false)]
        sections.append(
            .init(
                title: "New contributors", key: "new_contributors", note: nil,
                content: .table(columns: people, rows: newContributors.map { [.member($0.name, $0.handle), roles($0.roles)] })))
        sections.append(
            .init(
                title: "Gone quiet", key: "quiet", note: "No post, reply or submission change in the \(quietDays) days before \(asOf.prefix(10)).",
                content: .table(
                    columns: people + [
                        Column("Open submissions", key: "open_submissions"),
                        Column("Last activity", key: "last_activity", alignRight: false), Column("Days silent", key: "days_silent"),
                    ],
                    rows: quiet.map {
                        [
                            .member($0.name, $0.handle), roles($0.roles), .int($0.openSubmissions), .text($0.lastActivity ?? "–"),
                            $0.daysSilent.map(Cell.int) ?? .text("–"),
                        ]
                    })))
        let guidelineNote =
            guidelines.current.map {
                "Current guidelines: version \($0), published \(guidelines.published ?? "?"); accepted by \(guidelines.acceptedByActive) active contributors."
            } ?? "No guidelines version is published (heartbeat guidelines publish VERSION)."
        sections.append(
            .init(
                title: "Active contributors who have not accepted the current guidelines", key: "guidelines_not_accepted",
                note: guidelineNote,
                content: .table(columns: people, rows: guidelines.notAccepted.map { [.member($0.name, $0.handle), roles($0.roles)] })))
        var charts: [Chart] = []
        let inPipeline = states.filter { $0.atPeriodEnd > 0 }
        if !inPipeline.isEmpty {
            charts.append(
                .bars(
                    BarChart(
                        title: "Submissions by state", key: "submissions-by-state",
                        bars: inPipeline.map { .init(label: $0.state.rawValue, value: Double($0.atPeriodEnd)) },
                        valueTitle: "submissions at the period end")))
        }
        let heldRoles = self.roles.filter { $0.holders > 0 }
        if !heldRoles.isEmpty {
            charts.append(
                .bars(
                    BarChart(
                        title: "Role holders", key: "role-holders",
                        bars: heldRoles.map { .init(label: $0.role, value: Double($0.holders), valueLabel: "\($0.active) of \($0.holders) active") },
                        valueTitle: "members holding the role in the period")))
        }
        return ReportDocument(title: "Heartbeat contributors report", subtitle: scope.subtitle, sections: sections, charts: charts)
    }
}
