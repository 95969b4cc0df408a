import ArgumentParser

struct SubmissionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submissions",
        abstract: "The contributor pipeline: pitches, talks and code ideas from pitch to promotion.",
        discussion: """
            States: pitched → accepted → drafting → in-review → scheduled → published → promoted,
            or declined / withdrawn. Allowed moves:
              pitched    → accepted, declined, withdrawn
              accepted   → drafting, declined, withdrawn
              drafting   → in-review, withdrawn
              in-review  → scheduled, drafting (changes requested), declined, withdrawn
              scheduled  → published, in-review, withdrawn
              published  → promoted
            Every change is kept with who (--by), when (--at) and why (--comment).
            Members are named by @handle, name, e-mail or member id (heartbeat members --search).
              heartbeat submissions add "On-device LLMs with Core ML" --author @alice --tag ios --tag ml
              heartbeat submissions move 3 accepted --comment "Great fit for the spring series"
              heartbeat submissions assign 3 @bob
              heartbeat submissions list --state in-review --stale 14
              heartbeat submissions import pipeline.csv
            """,
        subcommands: [
            SubmissionsAddCommand.self, SubmissionsMoveCommand.self, SubmissionsAssignCommand.self,
            SubmissionsShowCommand.self, SubmissionsListCommand.self, SubmissionsImportCommand.self,
        ])
}
