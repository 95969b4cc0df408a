import ArgumentParser
import HeartbeatAnalytics
import HeartbeatReport

struct ContributorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contributors",
        abstract: "The contributor program: submissions by state, overdue work, roles, new and quiet contributors.",
        discussion: """
            A contributor authored or edits a submission or holds a role. Active = posted in chat or
            had a submission change in the period; quiet = neither in the last [contributors]
            quiet_days (60). Overdue = in a state longer than its service level:
              [service_levels]
              pitched_days = 7       # a pitch is answered within a week
              in_review_days = 14    # a review takes at most two weeks
            Overdue, open and quiet are judged at the period end (or now, if earlier).
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var options: ReportOptions

    func run() async throws {
        try await ReportRunner.run(store: store, config: config, options: options) {
            try await Contributors.report(store: $0, request: $1, config: $2)
        } document: { $0.document }
    }
}
