/// The outcome of identity resolution: which accounts are one person, and the evidence for it.
public struct IdentityResolution: Sendable, Hashable, Codable {
    /// Identity ids per person, each sorted; people ordered by their first identity id. Accounts that
    /// stand alone are groups of one.
    public var groups: [[Int64]]
    /// The links that joined accounts (a spanning set: one per join).
    public var links: [IdentityLink]
    /// Evidence found but not used, and why.
    public var refusals: [IdentityRefusal]

    public init(groups: [[Int64]], links: [IdentityLink], refusals: [IdentityRefusal]) {
        self.groups = groups
        self.links = links
        self.refusals = refusals
    }
}
