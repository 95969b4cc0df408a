import HeartbeatAnalytics

extension TopicsReport {
    public var document: ReportDocument {
        typealias Column = ReportDocument.Column
        var sections: [ReportDocument.Section] = []
        sections.append(
            .init(
                title: "Top topics", key: "top_terms",
                note: "Words and two-word phrases of \(ValueFormat.grouped(posts)) posts, ranked by TF-IDF (markup, code and stop words removed).",
                content: .table(
                    columns: [
                        Column("#", key: "rank"), Column("Term", key: "term", alignRight: false), Column("Score", key: "score"),
                        Column("Occurrences", key: "occurrences"), Column("Posts", key: "posts"),
                    ],
                    rows: topTerms.enumerated().map {
                        [.int($0 + 1), .text($1.term), .decimal($1.score), .int($1.occurrences), .int($1.posts)]
                    })))
        func trends(_ title: String, _ key: String, _ list: [TopicTrend]) -> ReportDocument.Section {
            .init(
                title: title, key: key, note: key == "rising" ? "Share of posts containing the term, against \(previousPeriod) (\(ValueFormat.grouped(previousPosts)) posts)." : nil,
                content: .table(
                    columns: [
                        Column("Term", key: "term", alignRight: false), Column("Posts now", key: "posts_now"),
                        Column("Posts before", key: "posts_before"), Column("Share now", key: "share_now"),
                        Column("Share before", key: "share_before"), Column("Change (pts)", key: "change_points"),
                    ],
                    rows: list.map {
                        [.text($0.term), .int($0.postsNow), .int($0.postsBefore), .percent($0.shareNow), .percent($0.shareBefore), .decimal($0.changePoints, places: 2)]
                    }))
        }
        sections.append(trends("Rising", "rising", rising))
        sections.append(trends("Falling", "falling", falling))
        sections.append(
            .init(
                title: "Topics per channel", key: "channels", note: nil,
                content: .table(
                    columns: [Column("Channel", key: "channel", alignRight: false), Column("Top terms", key: "terms", alignRight: false)],
                    rows: channels.map { [.text("#" + $0.channel), .text($0.terms.joined(separator: ", "))] })))
        sections.append(
            .init(
                title: "Questions by topic", key: "questions_by_topic",
                note: "Each question belongs to its highest-scoring term; most unanswered first.",
                content: .table(
                    columns: [
                        Column("Topic", key: "topic", alignRight: false), Column("Questions", key: "questions"),
                        Column("Unanswered", key: "unanswered"), Column("Unanswered %", key: "unanswered_share"),
                    ],
                    rows: questionsByTopic.map { [.text($0.topic), .int($0.questions), .int($0.unanswered), .share($0.unanswered, of: $0.questions)] })))
        return ReportDocument(title: "Heartbeat topics report", subtitle: scope.subtitle, sections: sections)
    }
}
