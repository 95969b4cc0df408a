import ArgumentParser
import Foundation
import HeartbeatCore
import HeartbeatImport
import HeartbeatReport
import HeartbeatStore

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Import a Slack export (.zip as downloaded, or its unzipped folder) into the store.",
        discussion: """
            Reads users.json, channels.json (and groups.json, mpims.json, dms.json when present) and every
            conversation day file. Importing the same export again changes nothing; an updated export of the
            same workspace only imports the day files that are new or changed (each file's size and CRC-32
            are recorded).

            The whole import is one transaction: if any file is bad (malformed JSON, a truncated zip, a
            wrong type, a file name that is not a date), the error names the file and position and the
            store is left exactly as it was. With --skip-bad-files the bad files are listed and skipped
            and everything else is imported.
            """)

    @Argument(help: "Slack export .zip files or folders, imported in order.")
    var exports: [String]

    @OptionGroup var store: StoreOptions

    @Flag(help: "Skip files that cannot be read or parsed, list them, and import the rest.")
    var skipBadFiles = false

    @Option(help: "Workspace name to record (default: from the export's file name).")
    var workspace: String?

    @Flag(name: .shortAndLong, help: "No progress line.")
    var quiet = false

    func run() async throws {
        let database = try store.open()
        let showProgress = !quiet && Terminal.stderrIsTerminal
        for export in exports {
            let importer = SlackImporter(
                path: export, options: ImportOptions(skipBadFiles: skipBadFiles, workspaceName: workspace))
            let summary = try await importer.run(into: database) { progress in
                guard showProgress else { return }
                let rate = progress.secondsElapsed > 0 ? Double(progress.activities) / progress.secondsElapsed : 0
                Terminal.status(
                    "[\(progress.filesDone)/\(progress.filesTotal) files] "
                        + "\(ValueFormat.grouped(progress.activities)) activities · "
                        + "\(ValueFormat.grouped(Int(rate))) /s · "
                        + "\(ValueFormat.fixed(Double(progress.bytesRead) / 1_048_576, places: 1)) MiB")
            }
            if showProgress { Terminal.endStatus() }
            for diagnostic in summary.diagnostics { Terminal.printError(diagnostic.description) }
            for skipped in summary.skipped { Terminal.printError("skipped: \(skipped)") }
            let rate = summary.secondsElapsed > 0 ? Double(summary.activitiesWritten) / summary.secondsElapsed : 0
            print(
                """
                Imported \(export) as workspace '\(summary.workspace.name)' (\(summary.workspace.externalID)):
                  \(ValueFormat.grouped(summary.identities)) accounts, \(ValueFormat.grouped(summary.spaces)) conversations
                  \(ValueFormat.grouped(summary.dayFiles)) day files: \(ValueFormat.grouped(summary.dayFilesImported)) imported, \
                \(ValueFormat.grouped(summary.dayFilesUnchanged)) unchanged, \(summary.skipped.count) skipped
                  \(ValueFormat.grouped(summary.activitiesWritten)) activities written in \
                \(ValueFormat.fixed(summary.secondsElapsed, places: 2)) s (\(ValueFormat.grouped(Int(rate))) /s)
                """)
        }
        let counts = try await database.counts()
        print(
            "Store \(store.db): \(ValueFormat.grouped(counts.members)) members, \(ValueFormat.grouped(counts.activities)) activities, "
                + "\(ValueFormat.grouped(counts.reactions)) reactions, \(ValueFormat.grouped(counts.mentions)) mentions")
    }
}
