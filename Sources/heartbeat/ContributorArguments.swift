import ArgumentParser
import Foundation
import HeartbeatCore
import HeartbeatStore

extension Timestamp: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

extension SubmissionState: ExpressibleByArgument {
    public init?(argument: String) { self.init(lenient: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension SubmissionKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(lenient: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// `--by` and `--at`: who made a change to the contributor program, and when.
struct ChangeOptions: ParsableArguments {
    @Option(help: "Who makes the change, for the history (default: your login name).")
    var by: String?

    @Option(help: "When it happened: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]Z (default: now). For recording past changes.")
    var at: Timestamp?

    @Option(help: "A comment kept in the history.")
    var comment: String = ""

    var actor: String { by ?? ProcessInfo.processInfo.environment["USER"] ?? "cli" }
    var moment: Timestamp { at ?? .now }
}

