import ArgumentParser
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatReport

extension CivilDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

extension Platform: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

/// The period, filters and output options every report takes.
struct ReportOptions: ParsableArguments {
    @Option(help: "First day included, YYYY-MM-DD (UTC). Default: 90 days before --until.")
    var since: CivilDate?

    @Option(help: "First day NOT included, YYYY-MM-DD (UTC). Default: the day after the last activity.")
    var until: CivilDate?

    @Flag(name: .customLong("all"), help: "The whole history instead of the last 90 days.")
    var wholeHistory = false

    @Option(name: .customLong("channel"), help: "Only this channel (name or id; repeat for several).")
    var channels: [String] = []

    @Option(help: "Only this platform (\(Platform.allCases.map(\.rawValue).joined(separator: ", "))).")
    var platform: Platform?

    @Option(
        help: """
            Output: table, markdown, csv, json or html (one self-contained page with charts). \
            Default: table on a terminal, markdown otherwise.
            """)
    var format: ReportFormat?

    @Option(name: [.short, .customLong("output")], help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Only the members of this segment (declared as [[segment]] in heartbeat.toml).")
    var segment: String?

    @Option(help: "Length of each top list.")
    var top: Int = 10

    @Option(help: "How many rows to list where a report lists items (unanswered questions, never-active accounts).")
    var limit: Int = 20

    func validate() throws {
        if let since, let until, since >= until {
            throw ValidationError("--since \(since) must be before --until \(until) (--until is the first day not included).")
        }
        if top < 0 { throw ValidationError("--top must be 0 or more.") }
        if limit < 0 { throw ValidationError("--limit must be 0 or more.") }
    }

    var request: ReportRequest {
        ReportRequest(
            since: since, until: until, wholeHistory: wholeHistory, platform: platform, spaces: channels, top: top,
            unansweredListLimit: limit, segment: segment)
    }

    var resolvedFormat: ReportFormat { .resolve(format, output: output) }
}

extension ReportFormat {
    /// The format asked for; else the one the output file's extension names (`.html`, `.md`,
    /// `.csv`, `.json`); else a table on a terminal and Markdown in a pipe.
    static func resolve(_ format: ReportFormat?, output: String?) -> ReportFormat {
        if let format { return format }
        if let output, let dot = output.lastIndex(of: ".") {
            switch output[output.index(after: dot)...].lowercased() {
            case "html", "htm": return .html
            case "md", "markdown": return .markdown
            case "csv": return .csv
            case "json": return .json
            default: break
            }
        }
        return .forStandardOutput
    }
}
