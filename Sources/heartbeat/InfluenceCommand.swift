import ArgumentParser
import HeartbeatAnalytics
import HeartbeatReport

struct InfluenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "influence",
        abstract: "Most influential and most valuable members: PageRank, reach, focus alignment, value, levels.",
        discussion: """
            Interaction graph of the period between persons: A→B weighs 3 for each reply A posts in B's
            thread, 2 for each message of A mentioning B, 1 for each reaction of A to B's message.
              influence   weighted PageRank (damping 0.85, to 1e-9, at most 1,000 iterations), shown so
                          that the average member scores 1.0
              reach       distinct persons who interacted with the member
              alignment   0–1: the member's posts weighted by the most specific focus term they contain
                          (idf = ln(1 + posts / posts containing the term), divided by the largest idf)
              value       0.4 × activity rank + 0.4 × influence rank + 0.2 × alignment rank (percentile
                          ranks among the period's posters; without focus terms 0.5 + 0.5)
              levels      champion ≥ 0.9, contributor ≥ 0.6, participant = posted, observer = did not post
            Focus terms come from `focus = [...]` in heartbeat.toml or from --focus.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var options: ReportOptions

    @Option(help: "A focus term (repeat for several); replaces `focus` from heartbeat.toml.")
    var focus: [String] = []

    func run() async throws {
        let focus = self.focus
        try await ReportRunner.run(store: store, config: config, options: options) {
            try await Influence.report(store: $0, request: $1, config: $2, focus: focus.isEmpty ? nil : focus)
        } document: { $0.document }
    }
}
