import ArgumentParser
import HeartbeatAnalytics
import HeartbeatReport

struct ContentReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "content",
        abstract: "Readership: page views, visitors, visits, bounce rate, new versus returning, per item, tag and author.",
        discussion: """
            A visit ends after [content] session_minutes (30) without a page view; a bounce is a
            visit with one page view; a new visitor read for the first time in the period. Per
            item: views in the period and in the first 7 and 30 days after publication. The
            business-aligned share is the views of items tagged with a focus term. --channel TAG
            keeps the items with that tag; --segment keeps readers known to be its members.
            Import page views first: heartbeat content logs access.log
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var options: ReportOptions

    func run() async throws {
        try await ReportRunner.run(store: store, config: config, options: options, requireActivity: false) {
            try await Readership.report(store: $0, request: $1, config: $2)
        } document: { $0.document }
    }
}

struct EventsReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Events: registered, attended, attendance rate, NPS, ratings, and attendees who become active members.",
        discussion: """
            NPS = % promoters (9–10) − % detractors (0–6). Attendees are matched to members by
            e-mail; "became active" = a matched attendee with no earlier post who posted within
            [events] follow_up_days (30) after the event. --channel TAG keeps events with that
            tag; --segment keeps attendees who are its members.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var options: ReportOptions

    func run() async throws {
        try await ReportRunner.run(store: store, config: config, options: options, requireActivity: false) {
            try await EventAnalytics.report(store: $0, request: $1, config: $2)
        } document: { $0.document }
    }
}
