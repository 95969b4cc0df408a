import ArgumentParser
import HeartbeatAnalytics
import HeartbeatReport

struct OrganicCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organic",
        abstract: "Organic versus inflated: real, active members against never-active sign-ups, join bursts and bots.",
        discussion: """
              ever active      posted, replied or reacted before the period end
              active recently  did so in the last 30 days of the period ([organic] active_days)
              join burst       a day with at least 10 joins and more than median + 5 × max(1.4826 × MAD,
                               √median, 1), median and MAD of the daily joins of the 28 days before
                               ([organic] burst_threshold, burst_min_joins)
              bot-like         a person with ≥ 20 posts of which ≥ 50 % are near-identical, or posting at
                               intervals with a coefficient of variation < 0.1 ([bots] settings)
              organic score    100 × (ever-active members that are not bot-like) ÷ members
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var options: ReportOptions

    func run() async throws {
        try await ReportRunner.run(store: store, config: config, options: options) {
            try await Organic.report(store: $0, request: $1, config: $2)
        } document: { $0.document }
    }
}
