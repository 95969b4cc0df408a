import ArgumentParser
import HeartbeatAnalytics
import HeartbeatReport

struct TopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "What the community talks about: TF-IDF terms and phrases, rising and falling, per channel, unanswered questions by topic.",
        discussion: """
            Terms are words and two-word phrases of persons' posts, lower-cased, with Slack markup
            (mentions, links, :emoji:, code) and stop words removed.
              score            TF-IDF: occurrences × (ln((1 + posts) / (1 + posts with the term)) + 1);
                               only terms in at least 2 posts
              rising/falling   share of posts with the term now against the previous period of the
                               same length, in percentage points
              questions        each question is filed under its highest-scoring term
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var options: ReportOptions

    func run() async throws {
        try await ReportRunner.run(store: store, config: config, options: options) {
            try await Topics.report(store: $0, request: $1, config: $2)
        } document: { $0.document }
    }
}
