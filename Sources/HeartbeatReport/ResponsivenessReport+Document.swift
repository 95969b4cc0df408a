import HeartbeatAnalytics

extension ResponsivenessReport {
    public var document: ReportDocument {
        typealias Column = ReportDocument.Column
        typealias Fact = ReportDocument.Fact
        let target = ValueFormat.duration(targetHours * 3600)
        let teamLine = team.isEmpty ? "nobody (list the team under team = [...] in heartbeat.toml)" : team.joined(separator: ", ")
        var sections: [ReportDocument.Section] = []
        sections.append(
            .init(
                title: "Who answers first", key: "summary",
                note: "Team (\(teamSource == .settings ? "from heartbeat.toml" : "workspace admins and owners")): \(teamLine). Community questions = questions asked by persons outside the team.",
                content: .facts([
                    Fact("Community questions", key: "community_questions", .int(communityQuestions)),
                    Fact("First answered by the team", key: "team_answered", .int(byTeam.questions)),
                    Fact("  share", key: "team_share", .percent(byTeam.share)),
                    Fact("First answered by the community", key: "community_answered", .int(byCommunity.questions)),
                    Fact("  share", key: "community_share", .percent(byCommunity.share)),
                    Fact("Unanswered", key: "unanswered", .int(unanswered)),
                    Fact("  share", key: "unanswered_share", .percent(unansweredShare)),
                    Fact("Team first response, median", key: "team_median_seconds", .seconds(byTeam.firstResponseMedianSeconds)),
                    Fact("Team first response, 90th percentile", key: "team_p90_seconds", .seconds(byTeam.firstResponseP90Seconds)),
                    Fact("Community first response, median", key: "community_median_seconds", .seconds(byCommunity.firstResponseMedianSeconds)),
                    Fact("Community first response, 90th percentile", key: "community_p90_seconds", .seconds(byCommunity.firstResponseP90Seconds)),
                    Fact("Answered within \(target) (target)", key: "within_target_share", .percent(withinTargetShare)),
                    Fact("Team answers within target", key: "team_within_target", .share(byTeam.withinTarget, of: byTeam.questions)),
                    Fact("Questions asked by the team (apart)", key: "team_questions", .int(teamQuestions)),
                ])))
        func table(_ title: String, _ key: String, _ list: [Responder]) -> ReportDocument.Section {
            .init(
                title: title, key: key, note: nil,
                content: .table(
                    columns: [
                        Column("Member", key: "name", alignRight: false), Column("First answers", key: "first_answers"),
                        Column("Median time", key: "first_response_median_seconds"),
                    ],
                    rows: list.map { [.member($0.name, $0.handle), .int($0.firstAnswers), .seconds($0.firstResponseMedianSeconds)] }))
        }
        sections.append(table("Team members answering first", "team_responders", teamResponders))
        sections.append(table("Community members answering first", "community_responders", communityResponders))
        return ReportDocument(title: "Heartbeat responsiveness report", subtitle: scope.subtitle, sections: sections)
    }
}
