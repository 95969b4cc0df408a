import ArgumentParser
import HeartbeatAnalytics
import HeartbeatReport

extension CalendarBucket: ExpressibleByArgument {}

struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Join cohorts and the share still posting; new, returning, reactivated and churned members.",
        discussion: """
              cohort       persons first seen (join or first activity) in a month (--by week: a week)
              M0, M1, …    share of the cohort who posted in the joining month, the next, …
              new          posted for the first time ever
              returning    posted, and posted less than 60 days before ([retention] churn_days)
              reactivated  posted again after 60 or more silent days
              churned      reached 60 silent days after a post in that month
            Use --all for the whole history.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var options: ReportOptions

    @Option(help: "Cohort size: month or week.")
    var by: CalendarBucket = .month

    func run() async throws {
        let bucket = by
        try await ReportRunner.run(store: store, config: config, options: options) {
            try await Retention.report(store: $0, request: $1, config: $2, by: bucket)
        } document: { $0.document }
    }
}
