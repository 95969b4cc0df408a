import ArgumentParser
import Foundation
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatReport
import HeartbeatStore

/// The part every `heartbeat report NAME` shares: open the store, read the settings, build the
/// report with library code, render it in the chosen format.
enum ReportRunner {
    static func run<Report: Encodable>(
        store: StoreOptions, config: ConfigOptions, options: ReportOptions, requireActivity: Bool = true,
        build: (any StoreBackend, ReportRequest, HeartbeatConfig) async throws -> Report,
        document: (Report) -> ReportDocument
    ) async throws {
        let settings = try config.load(besideDatabase: store.location)
        let database = try await store.open()
        if requireActivity, try await !database.hasActivity() {
            Terminal.printError("note: \(store.location) holds no activity yet. Import an export first: heartbeat ingest EXPORT")
        }
        let report = try await build(database, options.request, settings)
        try emit(report, document: document(report), format: options.resolvedFormat, output: options.output)
    }

    /// Renders `value` in `format` to standard output, or to the file `output`.
    static func emit<Value: Encodable>(_ value: Value, document: ReportDocument, format: ReportFormat, output: String? = nil) throws {
        let text = try ReportRenderer.render(value, document: document, as: format)
        guard let output else {
            print(text, terminator: "")
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw ValidationError("Cannot write the report to \(output): \(error.localizedDescription)")
        }
        Terminal.printError("Wrote \(format.rawValue) report to \(output)")
    }
}

extension ReportFormat {
    /// What a command prints without `--format`: a table on a terminal, Markdown in a pipe.
    static var forStandardOutput: ReportFormat { Terminal.stdoutIsTerminal ? .table : .markdown }
}
