/// Which member each resolved person keeps, as both stores apply it: a person keeps the oldest
/// member id among their accounts that no earlier person kept (so the contributor program, page
/// views and roles keyed by it stay put); a person none of whose member ids is free (an account
/// split off) gets a new member named after its first account; a member no person keeps any more
/// moves its records to the first person that held it and is removed.
public struct MemberAssignment: Sendable {
    /// The member a person gets: one they already have, or a new one (by index into `newMembers`).
    public enum Target: Sendable, Hashable {
        case existing(Int64)
        case new(Int)
    }

    /// Per person (in the resolution's order): the member it keeps and the accounts that must point at it.
    public var people: [(target: Target, identities: [Int64])]
    /// Display names of the members to create, in order.
    public var newMembers: [String]
    /// Members no person keeps, each once, with the member that takes over their records.
    public var absorbed: [(from: Int64, to: Int64)]

    /// `records`: every account with its current member; `resolution`: who is one person.
    public init(records: [IdentityRecord], resolution: IdentityResolution) {
        var memberOf: [Int64: Int64] = [:]
        var nameOf: [Int64: String] = [:]
        memberOf.reserveCapacity(records.count)
        nameOf.reserveCapacity(records.count)
        for record in records {
            memberOf[record.id] = record.memberID
            nameOf[record.id] = record.displayName
        }
        var claimed = Set<Int64>(minimumCapacity: records.count)
        var candidates: [(from: Int64, to: Int64)] = []
        people = []
        people.reserveCapacity(resolution.groups.count)
        newMembers = []
        for group in resolution.groups {
            // Most people have one account: no set to build for them.
            let current =
                group.count == 1
                ? (memberOf[group[0]].map { [$0] } ?? []) : Set(group.compactMap { memberOf[$0] }).sorted()
            let target: Target
            if let free = current.first(where: { !claimed.contains($0) }) {
                target = .existing(free)
                claimed.insert(free)
                for other in current where other != free { candidates.append((other, free)) }
            } else {
                // Every member id here is kept by someone else already: nothing to absorb.
                target = .new(newMembers.count)
                newMembers.append(nameOf[group[0]] ?? "")
            }
            let moving = group.filter { identity in
                if case .existing(let member) = target { return memberOf[identity] != member }
                return true
            }
            people.append((target, moving))
        }
        absorbed = []
        for (from, to) in candidates where !claimed.contains(from) {
            absorbed.append((from, to))
            claimed.insert(from)  // handled once, even if two people shared it before a split
        }
    }
}
