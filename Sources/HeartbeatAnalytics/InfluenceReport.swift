/// Influential and valuable members (definitions in `Influence`).
public struct InfluenceReport: Codable, Sendable, Hashable {
    public var scope: ReportScope
    public var graph: GraphFigures
    public var levels: [LevelCount]
    /// Each focus term with its use in the period; empty without focus terms.
    public var focusTerms: [FocusTermFigures]
    /// Sorted by value, then name.
    public var mostValuable: [InfluentialMember]
    /// Sorted by influence, then name.
    public var mostInfluential: [InfluentialMember]
}

/// The interaction graph's size.
public struct GraphFigures: Codable, Sendable, Hashable {
    /// Persons who posted, reacted or were interacted with (the PageRank nodes).
    public var persons: Int
    /// Distinct (from, to) pairs.
    public var edges: Int
    /// Interactions by kind (replies to another's thread, mentions, reactions).
    public var replies: Int
    public var mentions: Int
    public var reactions: Int
    /// PageRank iterations run, and whether the 1e-9 tolerance was reached.
    public var iterations: Int
    public var converged: Bool
}

public enum MemberLevel: String, Codable, Sendable, Hashable, CaseIterable {
    case champion, contributor, participant, observer
}

public struct LevelCount: Codable, Sendable, Hashable {
    public var level: MemberLevel
    public var members: Int
}

public struct FocusTermFigures: Codable, Sendable, Hashable {
    public var term: String
    /// Posts of the period containing the term.
    public var posts: Int
    /// Distinct persons who used it.
    public var members: Int
    /// `ln(1 + posts ÷ posts containing it)`; 0 when unused.
    public var idf: Double
}

public struct InfluentialMember: Codable, Sendable, Hashable {
    public var memberID: Int64
    public var name: String
    public var handle: String
    public var level: MemberLevel
    /// 0–1.
    public var value: Double
    /// PageRank × persons (1.0 = average).
    public var influence: Double
    public var reach: Int
    public var posts: Int
    public var alignment: Double
    public var focusShare: Double
}
