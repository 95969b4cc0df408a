import HeartbeatAnalytics
import HeartbeatCore
import Testing

/// Similar names offered for a person to decide: same name, a short suffix, one edit apart; never
/// numbered names that differ only in digits, never a pair split by hand.
@Suite struct IdentityCandidatesTests {
    static func account(_ id: Int64, _ platform: Platform, _ handle: String, name: String? = nil, real: String? = nil) -> IdentityRecord {
        IdentityRecord(
            id: id, memberID: id, workspaceID: id, workspaceName: "w", platform: platform, externalID: "x\(id)", handle: handle,
            displayName: name ?? handle, realName: real)
    }

    @Test func offersSimilarNamesAndNothingElse() {
        let records = [
            Self.account(1, .slack, "alice", real: "Alice Admin"),
            Self.account(2, .telegram, "user1001", name: "Alice Admin"),
            Self.account(3, .github, "alicegh"),
            Self.account(4, .discord, "alexandr"),
            Self.account(5, .slack, "alexander"),
            Self.account(6, .slack, "member1"),
            Self.account(7, .slack, "member2"),
            Self.account(8, .slack, "member12"),
            Self.account(9, .discord, "zoë", name: "Zoë O'Brien"),
            Self.account(10, .slack, "zoe", name: "Zoe OBrien"),
        ]
        let candidates = IdentityCandidates.similar(records, decisions: [])
        let pairs = candidates.map { [$0.memberA, $0.memberB] }
        #expect(pairs == [[1, 2], [9, 10], [1, 3], [4, 5]])
        #expect(candidates.map(\.reason) == ["same name", "same name", "similar names (alice ~ alicegh)", "similar names (alexandr ~ alexander)"])
        let split = IdentityDecision(kind: .split, identityA: 1, identityB: 2, decidedAt: Timestamp(microseconds: 1))
        #expect(!IdentityCandidates.similar(records, decisions: [split]).contains { $0.memberA == 1 && $0.memberB == 2 })
    }
}
