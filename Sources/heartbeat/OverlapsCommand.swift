import ArgumentParser
import Foundation
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatReport

struct OverlapsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overlaps",
        abstract: "Open submissions that look like the same work, most similar first.",
        discussion: """
            Similarity: TF-IDF cosine over the stemmed words of title (counted twice) and summary,
            stop words and pitch filler removed, plus tag_boost × the share of tags in common
            (Jaccard). Word weights come from every submission, so words all pitches use weigh
            little. Pairs at or above [contributors] overlap_threshold (0.4) are listed:
              [contributors]
              overlap_threshold = 0.4
              tag_boost = 0.15
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @Option(help: "Override overlap_threshold (0 to 1).") var threshold: Double?
    @Option(help: "Output: table, markdown, csv, json or html.") var format: ReportFormat?
    @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.") var output: String?

    func validate() throws {
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be between 0 and 1.") }
    }

    func run() async throws {
        var settings = try config.load(besideDatabase: store.location)
        if let threshold { settings.contributors.overlapThreshold = threshold }
        let database = try await store.open()
        let report = try await Overlaps.report(store: database, config: settings)
        try ReportRunner.emit(report, document: report.document, format: .resolve(format, output: output), output: output)
    }
}
