import ArgumentParser
import Foundation
import HeartbeatCore
import HeartbeatImport
import HeartbeatReport
import HeartbeatStore

extension ExportKind: ExpressibleByArgument {}

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Import chat and code activity: Slack, Discord, Telegram exports and GitHub activity.",
        discussion: """
            Each path is recognised by its content (or name the kind with --source):
              slack     the export .zip as downloaded (Workspace settings > Import/Export Data), or its folder
              discord   DiscordChatExporter JSON: one file per channel, or a folder of them (one server)
              telegram  Telegram Desktop's result.json (Export chat history, or Settings > Advanced >
                        Export Telegram data, format "Machine-readable JSON")
              github    GH Archive hours (https://data.gharchive.org/2026-03-02-15.json.gz) filtered to
                        --repo owner/name (or [github] repositories in heartbeat.toml), and/or JSON arrays
                        from the REST API (gh api --paginate repos/O/R/issues?state=all > issues.json,
                        …/pulls?state=all, …/issues/comments)
            Importing the same files again changes nothing; an updated export only imports the files that
            are new or changed. After each import the accounts are re-resolved into people (see
            `heartbeat identities`).

            Each path's import is one transaction (all GitHub files of a run together are one): if any file
            is bad (malformed JSON, a truncated zip, a wrong type, a date that is not a date), the error names
            the file and position and the store is left exactly as it was. With --skip-bad-files the bad files
            are listed and skipped and everything else is imported.
            """)

    @Argument(help: "Exports (files or folders), imported in order.")
    var exports: [String]

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions

    @Option(help: "The kind of every path: slack, discord, telegram or github (default: recognised per path).")
    var source: ExportKind?

    @Option(help: "GitHub repository to keep, owner/name (repeatable; default: [github] repositories).")
    var repo: [String] = []

    @Flag(help: "Skip files that cannot be read or parsed, list them, and import the rest.")
    var skipBadFiles = false

    @Option(help: "Workspace name to record (default: from the export).")
    var workspace: String?

    @Flag(name: .shortAndLong, help: "No progress line.")
    var quiet = false

    func run() async throws {
        let settings = try config.load(besideDatabase: store.location)
        let database = try await store.open()
        let showProgress = !quiet && Terminal.stderrIsTerminal
        let options = ImportOptions(skipBadFiles: skipBadFiles, workspaceName: workspace)
        let progress: @Sendable (ImportProgress) -> Void = { progress in
            guard showProgress else { return }
            let rate = progress.secondsElapsed > 0 ? Double(progress.activities) / progress.secondsElapsed : 0
            Terminal.status(
                "[\(progress.filesDone)/\(progress.filesTotal) files] "
                    + "\(ValueFormat.grouped(progress.activities)) activities · "
                    + "\(ValueFormat.grouped(Int(rate))) /s · "
                    + "\(ValueFormat.fixed(Double(progress.bytesRead) / 1_048_576, places: 1)) MiB")
        }
        var githubPaths: [String] = []
        for export in exports {
            let kind = try source ?? ExportKind.detect(export)
            let summary: ImportSummary
            switch kind {
            case .github:
                githubPaths.append(export)
                continue
            case .slack: summary = try await SlackImporter(path: export, options: options).run(into: database, progress: progress)
            case .discord: summary = try await DiscordImporter(path: export, options: options).run(into: database, progress: progress)
            case .telegram:
                summary = try await TelegramImporter(path: export, options: options).run(into: database, progress: progress)
            }
            if showProgress { Terminal.endStatus() }
            Self.report(summary, of: export, kind: kind)
        }
        if !githubPaths.isEmpty {
            let repositories = repo.isEmpty ? settings.github.repositories : repo
            let summary = try await GitHubImporter(paths: githubPaths, repositories: repositories, options: options)
                .run(into: database, progress: progress)
            if showProgress { Terminal.endStatus() }
            Self.report(summary, of: githubPaths.count == 1 ? githubPaths[0] : "\(githubPaths.count) GitHub files", kind: .github)
        }
        // The WAL copied into the file beside the counts, rather than after them at close; the
        // two counts on two readers at once.
        async let checkpointed: Void = database.checkpoint()
        async let storeCounts = database.counts()
        async let peopleCount = database.peopleCount()
        let (counts, people) = try await (storeCounts, peopleCount)
        try await checkpointed
        print(
            "Store \(database.location): \(ValueFormat.grouped(counts.identities)) accounts = \(ValueFormat.grouped(people)) people, "
                + "\(ValueFormat.grouped(counts.activities)) activities, "
                + "\(ValueFormat.grouped(counts.reactions)) reactions, \(ValueFormat.grouped(counts.mentions)) mentions")
    }

    static func report(_ summary: ImportSummary, of export: String, kind: ExportKind) {
        for diagnostic in summary.diagnostics { Terminal.printError(diagnostic.description) }
        for skipped in summary.skipped { Terminal.printError("skipped: \(skipped)") }
        let rate = summary.secondsElapsed > 0 ? Double(summary.activitiesWritten) / summary.secondsElapsed : 0
        let files = kind == .slack ? "day files" : "files"
        print(
            """
            Imported \(export) (\(kind.rawValue)) as workspace '\(summary.workspace.name)' (\(summary.workspace.externalID)):
              \(ValueFormat.grouped(summary.identities)) accounts, \(ValueFormat.grouped(summary.spaces)) \(kind == .github ? "repositories" : "conversations")
              \(ValueFormat.grouped(summary.dayFiles)) \(files): \(ValueFormat.grouped(summary.dayFilesImported)) imported, \
            \(ValueFormat.grouped(summary.dayFilesUnchanged)) unchanged, \(summary.skipped.count) skipped
              \(ValueFormat.grouped(summary.activitiesWritten)) activities written in \
            \(ValueFormat.fixed(summary.secondsElapsed, places: 2)) s (\(ValueFormat.grouped(Int(rate))) /s)
            """)
    }
}
