import ArgumentParser
import HeartbeatAnalytics
import HeartbeatReport

struct FunnelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funnel",
        abstract: "From chat member to contributor: posted, answered others, opened an issue or PR, merged.",
        discussion: """
            Counts persons (accounts joined by identity resolution are one person), each step the first time ever:
              member     first seen anywhere: a join, any activity, a reaction
              posted     first message or reply in chat (Slack, Discord, Telegram)
              answered   first reply in a thread someone else started (chat, or a comment or review on
                         someone else's GitHub issue or pull request)
              opened     first GitHub issue or pull request
              merged     first pull request merged (credited to its author)
            reached = by the period end; conversion = share of the previous step's persons also at this one;
            median days between the two first times. Per month: first-time contributors (first pull request)
            and how many had been active in chat before.
            Needs chat and GitHub data in one store: heartbeat ingest slack.zip discord/ github/*.json.gz --repo o/r
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var options: ReportOptions

    func run() async throws {
        try await ReportRunner.run(store: store, config: config, options: options) {
            try await Funnel.report(store: $0, request: $1, config: $2)
        } document: { $0.document }
    }
}
