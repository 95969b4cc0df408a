import ArgumentParser

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a report (default: engagement).",
        discussion: """
            Every report takes the same period and filters (--since, --until, --all, --channel,
            --platform, --segment) and formats (--format table|markdown|csv|json). Settings such as
            focus terms, the team and segments come from heartbeat.toml (see --config).
            """,
        subcommands: [
            EngagementCommand.self, InfluenceCommand.self, OrganicCommand.self, RetentionCommand.self,
            TopicsCommand.self, SegmentsCommand.self, ActivityCommand.self, ResponsivenessCommand.self,
            ContributorsCommand.self, FunnelCommand.self, ContentReportCommand.self, EventsReportCommand.self,
        ],
        defaultSubcommand: EngagementCommand.self)
}
