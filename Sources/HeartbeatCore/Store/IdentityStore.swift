/// Identity resolution's side of the store: the accounts, the decisions made by hand, and the
/// writes that join or part them. The store re-resolves after every import that touched accounts
/// and after every decision, inside the same transaction, so reports always count people.
public protocol IdentityStore: Sendable {
    /// Every account with its current member and its evidence.
    func identityRecords() async throws -> [IdentityRecord]
    /// Every merge and split decided by hand, oldest first.
    func identityDecisions() async throws -> [IdentityDecision]
    /// How many people the accounts are (as resolved at the last import or decision).
    func peopleCount() async throws -> Int
    /// The resolution the store applies, with its evidence (recomputed, not changed).
    func identityResolution() async throws -> IdentityResolution
    /// Makes two members one person (kept across re-imports). Returns the surviving member id.
    func mergeMembers(_ a: Int64, _ b: Int64, at: Timestamp) async throws -> Int64
    /// Parts one account from the person it belongs to (kept across re-imports). Returns the
    /// account's member id afterwards.
    func splitIdentity(_ identityID: Int64, at: Timestamp) async throws -> Int64
}
