import Foundation
@testable import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// Influence on the tiny fixture (see `EngagementTests` for what it holds). The period's
/// interactions between persons, by hand:
/// replies bob→alice, carol→alice (broadcast), alice→dave, carol→bob (03-09; carol's reply under the
/// Slackbot tombstone has no person to point at); mention bob→alice ("thanks all <@U1>"); reactions
/// alice→bob, carol→bob (bob's own +1 is ignored). Edges and weights: bob→alice 3+2, carol→alice 3,
/// alice→dave 3, carol→bob 3+1, alice→bob 1.
@Suite struct InfluenceTests {
    static func report(_ kind: TestStoreKind, focus: [String] = []) async throws -> InfluenceReport {
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        return try await Influence.report(
            store: store, request: EngagementTests.march, config: HeartbeatConfig(), focus: focus)
    }

    @Test func pageRankOfTwoNodesMatchesTheClosedForm() {
        // A→B only; B is dangling and spreads its rank evenly. Solving the two equations gives
        // A = 20/57 and B = 37/57.
        let result = Influence.pageRank(nodeCount: 2, edges: [(0, 1, 1)])
        #expect(result.converged)
        #expect(abs(result.ranks[0] - 20.0 / 57.0) < 1e-9)
        #expect(abs(result.ranks[1] - 37.0 / 57.0) < 1e-9)
    }

    @Test(arguments: TestStores.kinds) func graphOfTheFixture(_ kind: TestStoreKind) async throws {
        let graph = try await Self.report(kind).graph
        #expect(graph.persons == 4)
        #expect(graph.edges == 5)
        #expect(graph.replies == 4)
        #expect(graph.mentions == 1)
        #expect(graph.reactions == 2)
        #expect(graph.converged)
    }

    @Test(arguments: TestStores.kinds) func influenceReachValueAndLevels(_ kind: TestStoreKind) async throws {
        let report = try await Self.report(kind)
        // PageRank × 4 from solving (I − 0.85·M)·r = 0.15/4 for the five edges above (numpy).
        let expected: [String: (influence: Double, reach: Int, posts: Int, value: Double, level: MemberLevel)] = [
            "alice": (1.3618628417500935, 2, 3, 0.5 / 3 + 0.5, .contributor),
            "Dave": (1.2929365861786473, 1, 1, 0.5 * 2 / 3, .participant),
            "Bob Builder": (0.9204515475082964, 2, 4, 0.5 * 2.5 / 3 + 0.5 / 3, .participant),
            "carol": (0.42474902456296254, 0, 4, 0.5 * 2.5 / 3, .participant),
        ]
        #expect(report.mostInfluential.map(\.name) == ["alice", "Dave", "Bob Builder", "carol"])
        #expect(report.mostValuable.map(\.name) == ["alice", "Bob Builder", "carol", "Dave"])
        for member in report.mostValuable {
            let want = try #require(expected[member.name])
            #expect(abs(member.influence - want.influence) < 1e-8, "\(member.name)")
            #expect(member.reach == want.reach, "\(member.name)")
            #expect(member.posts == want.posts, "\(member.name)")
            #expect(abs(member.value - want.value) < 1e-12, "\(member.name)")
            #expect(member.level == want.level, "\(member.name)")
        }
        // alice 0.667 is a contributor (≥ 0.6), bob 0.583 a participant; Erin never posted.
        #expect(report.levels.map(\.members) == [0, 1, 3, 1])
    }

    @Test(arguments: TestStores.kinds) func alignmentWeighsFocusTermsBySpecificity(_ kind: TestStoreKind) async throws {
        let report = try await Self.report(kind, focus: ["quantize", "TFLite", "kubernetes"])
        // 12 posts; "quantize" in alice's question, "tflite" in carol's: idf = ln(1 + 12/1) each.
        #expect(report.focusTerms.map(\.term) == ["quantize", "tflite", "kubernetes"])
        #expect(abs(report.focusTerms[0].idf - log(13.0)) < 1e-12)
        #expect(report.focusTerms[2].posts == 0)
        let byName = Dictionary(uniqueKeysWithValues: report.mostValuable.map { ($0.name, $0) })
        #expect(abs(byName["alice"]!.alignment - 1.0 / 3.0) < 1e-12)
        #expect(abs(byName["carol"]!.alignment - 1.0 / 4.0) < 1e-12)
        #expect(byName["Bob Builder"]!.alignment == 0)
        // Alignment ranks: bob and dave tie at the bottom, then carol, then alice (rank 1).
        #expect(abs(byName["alice"]!.value - (0.4 / 3 + 0.4 + 0.2)) < 1e-12)
        #expect(abs(byName["carol"]!.value - (0.4 * 2.5 / 3 + 0.2 * 2 / 3)) < 1e-12)
    }

    @Test func unequalSpecificityCountsTheRarerTermMore() {
        // Four posts; "android" in three, "coreml" in one. idf(android) = ln(1 + 4/3),
        // idf(coreml) = ln(5). Ann's post with coreml counts 1, Ben's android posts ln(7/3)/ln(5) each.
        var builder = SnapshotBuilder()
        let ann = builder.member("ann")
        let ben = builder.member("ben")
        builder.channel("general")
        builder.post(ann, at: SnapshotBuilder.time("2026-01-01", 9), "coreml and android")
        builder.post(ben, at: SnapshotBuilder.time("2026-01-01", 10), "android build")
        builder.post(ben, at: SnapshotBuilder.time("2026-01-01", 11), "android again")
        builder.post(ben, at: SnapshotBuilder.time("2026-01-01", 12), "lunch")
        let context = ReportContext(
            snapshot: builder.build(), period: Period(from: CivilDate(iso: "2026-01-01")!, until: CivilDate(iso: "2026-01-02")!),
            request: ReportRequest(), config: HeartbeatConfig())
        let report = Influence.report(context: context, focus: ["android", "coreml"])
        let byName = Dictionary(uniqueKeysWithValues: report.mostValuable.map { ($0.name, $0) })
        #expect(abs(byName["ann"]!.alignment - 1) < 1e-12)
        #expect(abs(byName["ben"]!.alignment - 2 * log(7.0 / 3.0) / log(5.0) / 3) < 1e-12)
        #expect(abs(byName["ben"]!.focusShare - 2.0 / 3.0) < 1e-12)
    }
}
