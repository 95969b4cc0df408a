import ArgumentParser
import Foundation
import HeartbeatImport

/// `heartbeat bench`: measurements of Heartbeat's own speed, for `scripts/bench` and for anyone
/// checking a machine. The whole-pipeline figures (ingest, report) come from timing the real
/// commands; this measures the part they cannot isolate.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Heartbeat's speed on this machine (see scripts/bench for the full benchmark).",
        subcommands: [BenchParseCommand.self])
}

struct BenchParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parsing throughput of the Slack importer, without disk or database.",
        discussion: """
            Reads every day file of a Slack export into memory, then parses them all with the
            importer's own parser on --threads threads, three rounds, and prints the fastest:
              heartbeat bench parse "Acme Slack export.zip" --threads 1
            With one thread the MB/s is the throughput of one core.
            """)

    @Argument(help: "A Slack export: the downloaded .zip or its unzipped folder.")
    var path: String

    @Option(help: "Parsing threads (default: one per core).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Output: text, or json for scripts.")
    var format: String = "text"

    func run() throws {
        let result = try SlackParseThroughput.measure(path: path, threads: threads)
        if format == "json" {
            let fields: [String] = [
                "\"files\": \(result.files)", "\"bytes\": \(result.bytes)", "\"activities\": \(result.activities)",
                "\"threads\": \(result.threads)", "\"seconds\": \(result.seconds)",
                "\"mb_per_s\": \(result.megabytesPerSecond)",
                "\"mb_per_s_per_thread\": \(result.megabytesPerSecondPerThread)",
            ]
            print("{" + fields.joined(separator: ", ") + "}")
        } else {
            print(
                String(
                    format: "%d files, %.1f MB, %d activities parsed in %.3f s on %d thread(s): %.0f MB/s, %.0f MB/s per thread",
                    result.files, Double(result.bytes) / 1e6, result.activities, result.seconds, result.threads,
                    result.megabytesPerSecond, result.megabytesPerSecondPerThread))
        }
    }
}
