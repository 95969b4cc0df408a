import ArgumentParser
import HeartbeatAnalytics
import HeartbeatReport

struct ResponsivenessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "responsiveness",
        abstract: "Questions first answered by the team versus the community, with response times against a target.",
        discussion: """
              team                 `team = [...]` in heartbeat.toml (handles, names or ids); default: the
                                   workspace's admins and owners
              community questions  questions asked by persons outside the team
              first answer         the first thread reply by another person; team or community by who gave it
              within target        first answer within [service_levels] first_response_hours (24)
            A healthy community answers itself: watch the community share grow.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var options: ReportOptions

    func run() async throws {
        try await ReportRunner.run(store: store, config: config, options: options) {
            try await Responsiveness.report(store: $0, request: $1, config: $2)
        } document: { $0.document }
    }
}
