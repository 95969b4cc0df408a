import HeartbeatCore

/// `heartbeat overlaps`: open pieces of work that look like the same idea, most similar first.
public struct OverlapsReport: Codable, Sendable, Hashable {
    public struct Side: Codable, Sendable, Hashable {
        /// `#12` for a submission.
        public var reference: String
        public var source: Overlaps.Source
        public var title: String
        public var author: String
        public var state: String
    }

    public struct Pair: Codable, Sendable, Hashable {
        /// 0 to 1 (see `Overlaps`).
        public var similarity: Double
        public var first: Side
        public var second: Side
        /// Stemmed words both share, heaviest first.
        public var sharedTerms: [String]
        public var sharedTags: [String]
    }

    /// Pairs at or above this similarity are listed.
    public var threshold: Double
    /// Open pieces compared with each other.
    public var openCompared: Int
    /// Pieces whose words shaped the weights (every submission, open or not).
    public var corpus: Int
    public var pairs: [Pair]
}

extension Overlaps {
    /// Compares every open submission with every other (and with open GitHub work once imported).
    public static func report(store: any ContributorStore, config: HeartbeatConfig) async throws -> OverlapsReport {
        let works = try await store.submissions().reversed().map(Work.init)
        let settings = config.contributors
        let found = matches(among: works, threshold: settings.overlapThreshold, tagBoost: settings.tagBoost)
        func side(_ work: Work) -> OverlapsReport.Side {
            OverlapsReport.Side(reference: work.reference, source: work.source, title: work.title, author: work.author, state: work.state)
        }
        return OverlapsReport(
            threshold: settings.overlapThreshold, openCompared: works.filter(\.isOpen).count, corpus: works.count,
            pairs: found.map {
                OverlapsReport.Pair(
                    similarity: $0.similarity, first: side(works[$0.first]), second: side(works[$0.second]),
                    sharedTerms: $0.sharedTerms, sharedTags: $0.sharedTags)
            })
    }
}
