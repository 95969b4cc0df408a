import ArgumentParser
import HeartbeatAnalytics
import HeartbeatReport

struct SegmentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "Every engagement figure side by side for each segment declared in heartbeat.toml.",
        discussion: """
            Declare segments in heartbeat.toml:
              [[segment]]
              name = "mobile"
              titles = ["ios", "android"]      # profile title contains one (case-insensitive)
              channels = ["ios", "android"]    # or posted in one of these channels
              terms = ["swiftui", "kotlin"]    # or used one of these words
              match = "any"                    # "all": every given rule must match
            A segment's column is the engagement report computed as if only its members existed.
            Every other report takes --segment NAME.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var options: ReportOptions

    func run() async throws {
        try await ReportRunner.run(store: store, config: config, options: options) {
            try await Segments.report(store: $0, request: $1, config: $2)
        } document: { $0.document }
    }
}
