import HeartbeatAnalytics
import HeartbeatCore

extension OrganicReport {
    public var document: ReportDocument {
        typealias Column = ReportDocument.Column
        typealias Fact = ReportDocument.Fact
        typealias Cell = ReportDocument.Cell
        let members = headline.members
        var sections: [ReportDocument.Section] = []
        sections.append(
            .init(
                title: "Headline", key: "headline",
                note: "Organic members = ever active (posted, replied or reacted) and not bot-like. Organic score = 100 × organic members ÷ members.",
                content: .facts([
                    Fact("Members", key: "members", .int(members)),
                    Fact("Ever active", key: "ever_active", .int(headline.everActive)),
                    Fact("  share", key: "ever_active_share", .share(headline.everActive, of: members)),
                    Fact("Active in the last \(headline.activeDays) days", key: "active_recently", .int(headline.activeRecently)),
                    Fact("  share", key: "active_recently_share", .share(headline.activeRecently, of: members)),
                    Fact("Never active", key: "never_active", .int(headline.neverActive)),
                    Fact("  share", key: "never_active_share", .share(headline.neverActive, of: members)),
                    Fact("Bot-like accounts", key: "bot_like", .int(headline.botLike)),
                    Fact("Organic members", key: "organic_members", .int(headline.organicMembers)),
                    Fact("Organic score", key: "organic_score", .decimal(headline.organicScore)),
                ])))
        sections.append(
            .init(
                title: "Join bursts", key: "join_bursts",
                note: "Days whose joins exceed the median of the 28 days before by more than 5 robust deviations (max(1.4826 × MAD, √median, 1)). \(ValueFormat.grouped(neverActiveInBursts)) burst joiners never became active.",
                content: .table(
                    columns: [
                        Column("Day", key: "day", alignRight: false), Column("Joins", key: "joins"),
                        Column("Baseline median", key: "baseline_median"), Column("MAD", key: "baseline_mad"),
                        Column("Threshold", key: "threshold"),
                        Column("Excess", key: "excess"), Column("Robust z", key: "robust_z"),
                        Column("Became active", key: "became_active"), Column("Active %", key: "became_active_share"),
                    ],
                    rows: joinBursts.map {
                        [
                            .text($0.day), .int($0.joins), .decimal($0.baselineMedian), .decimal($0.baselineMAD),
                            .decimal($0.threshold), .decimal($0.excess), .decimal($0.robustZ),
                            .int($0.becameActive), .share($0.becameActive, of: $0.joins),
                        ]
                    })))
        sections.append(
            .init(
                title: "Bots (\(ValueFormat.grouped(botMessages)) bot posts in the period)", key: "bots", note: nil,
                content: .table(
                    columns: [
                        Column("Account", key: "name", alignRight: false), Column("Posts", key: "posts"),
                        Column("Why", key: "reason", alignRight: false), Column("Evidence", key: "evidence", alignRight: false),
                    ],
                    rows: bots.map { [.member($0.name, $0.handle), .int($0.posts), .text($0.reason), .text($0.evidence)] })))
        sections.append(
            .init(
                title: "Accounts that behave like bots", key: "bot_like", note: nil,
                content: .table(
                    columns: [
                        Column("Account", key: "name", alignRight: false), Column("Posts", key: "posts"),
                        Column("Near-identical", key: "near_identical_share"), Column("Interval CV", key: "interval_cv"),
                        Column("Evidence", key: "evidence", alignRight: false),
                    ],
                    rows: botLikeAccounts.map {
                        [
                            .member($0.name, $0.handle), .int($0.posts),
                            $0.nearIdenticalShare.map(Cell.percent) ?? .text("–"), .optionalDecimal($0.intervalCV),
                            .text($0.evidence),
                        ]
                    })))
        sections.append(
            .init(
                title: "Never-active accounts (most recent \(neverActive.count) of \(ValueFormat.grouped(headline.neverActive)))", key: "never_active",
                note: nil,
                content: .table(
                    columns: [Column("Member", key: "name", alignRight: false), Column("Joined", key: "joined", alignRight: false)],
                    rows: neverActive.map { [.member($0.name, $0.handle), .text($0.joined ?? "unknown")] })))
        sections.append(
            .init(
                title: "Growth versus engagement, raw and organic (weekly)", key: "weekly",
                note: "Organic columns leave out never-active and bot-like accounts.",
                content: .table(
                    columns: [
                        Column("Week of", key: "week_start", alignRight: false), Column("Members", key: "members"),
                        Column("Organic members", key: "organic_members"), Column("Active posters", key: "active_posters"),
                        Column("Organic posters", key: "organic_active_posters"), Column("Active %", key: "active_share"),
                        Column("Organic active %", key: "organic_active_share"),
                    ],
                    rows: zip(weeklyRaw, weeklyOrganic).map { raw, organic in
                        [
                            .text(raw.weekStart), .int(raw.members), .int(organic.members), .int(raw.activePosters),
                            .int(organic.activePosters), .share(raw.activePosters, of: raw.members),
                            .share(organic.activePosters, of: organic.members),
                        ]
                    })))
        return ReportDocument(title: "Heartbeat organic-growth report", subtitle: scope.subtitle, sections: sections, charts: charts)
    }

    /// Raw versus organic members, week by week.
    public var charts: [Chart] {
        let weeks = weeklyRaw.compactMap { CivilDate(iso: $0.weekStart)?.dayNumber }
        guard !weeks.isEmpty, weeks.count == weeklyRaw.count, weeklyOrganic.count == weeklyRaw.count else { return [] }
        return [
            .line(
                LineChart(
                    title: "Members: all accounts versus organic (weekly)", key: "organic-growth", days: weeks,
                    series: [
                        .init(name: "All members", values: weeklyRaw.map { Double($0.members) }),
                        .init(name: "Organic members", values: weeklyOrganic.map { Double($0.members) }),
                    ],
                    leftTitle: "members")),
        ]
    }
}
