import HeartbeatAnalytics
import HeartbeatCore

extension EngagementReport {
    /// The engagement report laid out for people. Section notes restate each definition briefly;
    /// the full definitions are in `EngagementReport.swift` and the README.
    public var document: ReportDocument {
        typealias Cell = ReportDocument.Cell
        typealias Fact = ReportDocument.Fact
        typealias Column = ReportDocument.Column
        let share = { (part: Int, whole: Int) -> Cell in .percent(whole > 0 ? Double(part) / Double(whole) : 0) }
        var sections: [ReportDocument.Section] = []
        sections.append(
            .init(
                title: "Members", key: "members",
                note: "Persons with a non-deleted account; new = first seen (join or first activity) in the period.",
                content: .facts([
                    Fact("Members at period end", key: "total", .int(members.total)),
                    Fact("New members", key: "new", .int(members.new)),
                    Fact("Join date unknown (never active)", key: "unknown_join_date", .int(members.unknownJoinDate)),
                    Fact("Bot accounts (apart)", key: "bots", .int(members.bots)),
                    Fact("Deleted accounts (apart)", key: "deleted", .int(members.deleted)),
                ])))
        sections.append(
            .init(
                title: "Participation", key: "activity",
                note: "Active poster = a person who posted a message or thread reply. DAU/WAU/MAU: posters in the 1/7/30 days ending each day, averaged over the period.",
                content: .facts([
                    Fact("Active posters", key: "active_posters", .int(activity.activePosters)),
                    Fact("  share of members", key: "active_share", share(activity.activePosters, members.total)),
                    Fact("New posters (first post ever)", key: "new_posters", .int(activity.newPosters)),
                    Fact("Returning posters", key: "returning_posters", .int(activity.returningPosters)),
                    Fact("Messages", key: "messages", .int(activity.messages)),
                    Fact("Thread replies", key: "replies", .int(activity.replies)),
                    Fact("Reactions given", key: "reactions", .int(activity.reactions)),
                    Fact("Bot messages (apart)", key: "bot_messages", .int(activity.botMessages)),
                    Fact("Average DAU", key: "average_dau", .decimal(activity.averageDAU)),
                    Fact("Average WAU", key: "average_wau", .decimal(activity.averageWAU)),
                    Fact("Average MAU", key: "average_mau", .decimal(activity.averageMAU)),
                    Fact("Stickiness (DAU/MAU)", key: "stickiness", .percent(activity.stickiness)),
                ])))
        sections.append(
            .init(
                title: "Threads and questions", key: "threads",
                note: "First response = time from a person's top-level message to the first reply by another person (bots and self-replies do not count).",
                content: .facts([
                    Fact("Threads started (top-level messages)", key: "roots", .int(threads.roots)),
                    Fact("Answered by another person", key: "answered_roots", .int(threads.answeredRoots)),
                    Fact("Response rate", key: "response_rate", .percent(threads.responseRate)),
                    Fact("First response, median", key: "first_response_median_seconds", .seconds(threads.firstResponseMedianSeconds)),
                    Fact("First response, 90th percentile", key: "first_response_p90_seconds", .seconds(threads.firstResponseP90Seconds)),
                    Fact("Questions asked", key: "questions", .int(threads.questions)),
                    Fact("Unanswered questions", key: "unanswered_questions", .int(threads.unansweredQuestions)),
                ])))
        sections.append(
            .init(
                title: "Channels", key: "channels", note: nil,
                content: .table(
                    columns: [
                        Column("Channel", key: "channel", alignRight: false), Column("Messages", key: "messages"),
                        Column("Replies", key: "replies"), Column("Reactions", key: "reactions"),
                        Column("Posters", key: "active_posters"), Column("Bot msgs", key: "bot_messages"),
                        Column("Median 1st resp.", key: "first_response_median_seconds"),
                        Column("Unanswered", key: "unanswered_questions"),
                    ],
                    rows: channels.map {
                        [
                            .text("#" + $0.channel), .int($0.messages), .int($0.replies), .int($0.reactions),
                            .int($0.activePosters), .int($0.botMessages), .seconds($0.firstResponseMedianSeconds),
                            .int($0.unansweredQuestions),
                        ]
                    })))
        func ranking(_ title: String, _ key: String, _ list: [RankedMember], _ valueTitle: String) -> ReportDocument.Section {
            .init(
                title: title, key: key, note: nil,
                content: .table(
                    columns: [
                        Column("#", key: "rank"), Column("Member", key: "name", alignRight: false),
                        Column("Handle", key: "handle", alignRight: false), Column(valueTitle, key: "value"),
                    ],
                    rows: list.enumerated().map { [.int($0 + 1), .text($1.name), .text("@" + $1.handle), .int($1.value)] }))
        }
        sections.append(ranking("Top members by posts", "top_by_posts", topMembers.byPosts, "Posts"))
        sections.append(
            ranking("Top members by replies to others", "top_by_replies_to_others", topMembers.byRepliesToOthers, "Replies"))
        sections.append(
            ranking("Top members by reactions received", "top_by_reactions_received", topMembers.byReactionsReceived, "Reactions"))
        sections.append(
            .init(
                title: "Growth versus engagement (weekly)", key: "weekly",
                note: "Members at each week's end next to the persons who actually posted that week.",
                content: .table(
                    columns: [
                        Column("Week of", key: "week_start", alignRight: false), Column("Members", key: "members"),
                        Column("New", key: "new_members"), Column("Active posters", key: "active_posters"),
                        Column("Active %", key: "active_share"), Column("Posts", key: "posts"),
                    ],
                    rows: weekly.map {
                        [
                            .text($0.weekStart), .int($0.members), .int($0.newMembers), .int($0.activePosters),
                            share($0.activePosters, $0.members), .int($0.posts),
                        ]
                    })))
        sections.append(
            .init(
                title: "Unanswered questions (most recent \(threads.unansweredList.count) of \(threads.unansweredQuestions))",
                key: "unanswered", note: nil,
                content: .table(
                    columns: [
                        Column("Posted (UTC)", key: "posted_at", alignRight: false),
                        Column("Channel", key: "channel", alignRight: false),
                        Column("Author", key: "author", alignRight: false),
                        Column("Question", key: "excerpt", alignRight: false),
                    ],
                    rows: threads.unansweredList.map {
                        [.text($0.postedAt), .text("#" + $0.channel), .text($0.author), .text($0.excerpt)]
                    })))
        return ReportDocument(title: "Heartbeat engagement report", subtitle: scope.subtitle, sections: sections, charts: charts)
    }

    /// Growth versus engagement, daily active posters, first-response times, top members.
    public var charts: [Chart] {
        let weeks = weekly.compactMap { CivilDate(iso: $0.weekStart)?.dayNumber }
        let days = daily.compactMap { CivilDate(iso: $0.day)?.dayNumber }
        var charts: [Chart] = []
        if weeks.count == weekly.count, !weeks.isEmpty {
            charts.append(
                .line(
                    LineChart(
                        title: "Growth versus engagement (weekly)", key: "growth-engagement", days: weeks,
                        series: [
                            .init(name: "Members", values: weekly.map { Double($0.members) }, axis: .left),
                            .init(name: "Active posters", values: weekly.map { Double($0.activePosters) }, axis: .right),
                        ],
                        leftTitle: "members", rightTitle: "active posters")))
        }
        if days.count == daily.count, !days.isEmpty {
            charts.append(
                .line(
                    LineChart(
                        title: "Daily active posters", key: "daily-active", days: days,
                        series: [.init(name: "Active posters", values: daily.map { Double($0.activePosters) })],
                        leftTitle: "posters")))
        }
        if threads.roots > 0 {
            charts.append(
                .bars(
                    BarChart(
                        title: "Time to first response", key: "first-response",
                        bars: threads.firstResponseDistribution.map { .init(label: $0.label, value: Double($0.threads)) },
                        valueTitle: "threads started in the period")))
        }
        if !topMembers.byPosts.isEmpty {
            charts.append(
                .bars(
                    BarChart(
                        title: "Top members by posts", key: "top-posters",
                        bars: topMembers.byPosts.map { .init(label: $0.name, value: Double($0.value)) }, valueTitle: "posts")))
        }
        return charts
    }
}
