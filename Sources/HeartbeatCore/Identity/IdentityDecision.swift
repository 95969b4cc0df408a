/// A person's ruling on two accounts, kept in the store so that every later re-resolution (after
/// each import) obeys it: merges and splits survive re-imports.
public struct IdentityDecision: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// The two accounts are one person, whatever the evidence says.
        case merge
        /// The two accounts are different people: no rule may join them, directly or through others.
        case split
    }

    public var kind: Kind
    /// The smaller identity id of the pair.
    public var identityA: Int64
    public var identityB: Int64
    public var decidedAt: Timestamp

    public init(kind: Kind, identityA: Int64, identityB: Int64, decidedAt: Timestamp) {
        self.kind = kind
        self.identityA = min(identityA, identityB)
        self.identityB = max(identityA, identityB)
        self.decidedAt = decidedAt
    }
}
