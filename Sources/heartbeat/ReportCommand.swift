import ArgumentParser

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print a report (default: engagement).",
        subcommands: [EngagementCommand.self],
        defaultSubcommand: EngagementCommand.self)
}
