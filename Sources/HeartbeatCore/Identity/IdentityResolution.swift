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

    /// For each account joined to a person, the link that joined it, walking the links outward from
    /// the person's first account (which has none): what "joined by" shows.
    public func linkByIdentity() -> [Int64: IdentityLink] {
        var adjacent: [Int64: [IdentityLink]] = [:]
        for link in links {
            adjacent[link.identityA, default: []].append(link)
            adjacent[link.identityB, default: []].append(link)
        }
        var result: [Int64: IdentityLink] = [:]
        for group in groups where group.count > 1 {
            var visited: Set<Int64> = [group[0]]
            var queue = [group[0]]
            while let current = queue.popLast() {
                for link in adjacent[current] ?? [] {
                    let other = link.identityA == current ? link.identityB : link.identityA
                    guard visited.insert(other).inserted else { continue }
                    result[other] = link
                    queue.append(other)
                }
            }
        }
        return result
    }
}
