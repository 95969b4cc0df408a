import ArgumentParser
import HeartbeatAnalytics
import HeartbeatReport

struct EngagementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engagement",
        abstract: "Members, participation, first-response times, channels, top members, weekly growth.",
        discussion: """
            Definitions (all times UTC; the period is --since inclusive to --until exclusive, by default
            the 90 days ending with the last activity in the store):
              member           a person's account (not a bot) that is not deleted; bots and deleted
                               accounts are counted apart
              new member       first seen (channel join or first activity) in the period
              active poster    a person who posted a message or thread reply in the period
              new poster       an active poster whose first post ever is in the period
              DAU/WAU/MAU      posters in the 1/7/30 days ending each day, averaged over the period;
                               stickiness = DAU / MAU
              reactions        given by persons to messages posted in the period
              first response   seconds from a person's top-level message to the first thread reply by
                               another person (bots and self-replies do not count); median and 90th
                               percentile over the threads started in the period that got one
              unanswered       a top-level message that looks like a question (contains '?', or starts
                               with how/why/what/…/anyone) with no reply from another person
              weekly           members at each week's end next to that week's active posters
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var options: ReportOptions

    func run() async throws {
        try await ReportRunner.run(store: store, config: config, options: options) {
            try await Engagement.report(store: $0, request: $1, config: $2)
        } document: { $0.document }
    }
}
