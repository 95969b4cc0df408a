import ArgumentParser
import HeartbeatAnalytics
import HeartbeatReport

struct ActivityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activity",
        abstract: "Hour-of-week heatmaps (UTC and local time) and the best two-hour slot for a live event.",
        discussion: """
              heatmap     persons' posts by weekday and hour, in UTC and in each poster's profile time zone
              available   an active poster who posted at that hour of day and on that weekday during the
                          period, and is awake then (08:00–22:00 local; [activity] awake_from/awake_until)
              suggested   the slot with the most available members (ties: more posts, then earlier)
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var options: ReportOptions

    func run() async throws {
        try await ReportRunner.run(store: store, config: config, options: options) {
            try await ActivityPattern.report(store: $0, request: $1, config: $2)
        } document: { $0.document }
    }
}
