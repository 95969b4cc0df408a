import ArgumentParser

/// `heartbeat`: the command-line front end. Each subcommand parses its options and calls library
/// code; no figure is computed here.
@main
struct Heartbeat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heartbeat",
        abstract: "Community health for technical communities: who is active, who answers, is growth real.",
        discussion: """
            Typical use:
              heartbeat ingest "My Community Slack export.zip"   # into ./heartbeat.sqlite
              heartbeat ingest discord/ result.json github/*.json.gz --repo acme/engine   # more platforms
              heartbeat member @alice                             # one person across platforms
              heartbeat report                                    # last 90 days
              heartbeat report --since 2026-01-01 --until 2026-07-01 --format markdown

            Every command takes --db to choose the database (default ./heartbeat.sqlite).
            Run `heartbeat help report` for what each figure means.
            """,
        version: "0.1.0",
        subcommands: [
            IngestCommand.self, ReportCommand.self, MembersCommand.self, ServeCommand.self, UsersCommand.self,
            TokensCommand.self, SubmissionsCommand.self, RolesCommand.self, GuidelinesCommand.self, OverlapsCommand.self,
            ContentCommand.self, EventsCommand.self, MemberCommand.self, IdentitiesCommand.self, BenchCommand.self,
            CommunitiesCommand.self,
        ])
}
