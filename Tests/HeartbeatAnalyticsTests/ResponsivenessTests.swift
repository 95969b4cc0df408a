import Foundation
@testable import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// On the tiny fixture, March 1–15. Questions: alice's "How do I quantize a model?" (alice is the
/// workspace admin, so a team question), carol's "anyone using tflite on android" (unanswered),
/// dave's "Is the GPU delegate stable?" (alice answers after 1800 s), bob's "What is the best way
/// to profile?" (carol answers after 3600 s).
@Suite struct ResponsivenessTests {
    static func report(_ kind: TestStoreKind, _ config: HeartbeatConfig = HeartbeatConfig()) async throws -> ResponsivenessReport {
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        return try await Responsiveness.report(store: store, request: EngagementTests.march, config: config)
    }

    @Test(arguments: TestStores.kinds) func adminsAreTheTeamByDefault(_ kind: TestStoreKind) async throws {
        let report = try await Self.report(kind)
        #expect(report.teamSource == .admins)
        #expect(report.team == ["alice"])
        #expect(report.communityQuestions == 3)
        #expect(report.teamQuestions == 1)
        #expect(report.unanswered == 1)
        #expect(report.byTeam.questions == 1)
        #expect(report.byTeam.firstResponseMedianSeconds == 1800)
        #expect(report.byCommunity.questions == 1)
        #expect(report.byCommunity.firstResponseMedianSeconds == 3600)
        #expect(abs(report.withinTargetShare - 2.0 / 3.0) < 1e-12)
        #expect(report.teamResponders.map(\.name) == ["alice"])
        #expect(report.communityResponders.map(\.name) == ["carol"])
    }

    @Test(arguments: TestStores.kinds) func teamFromSettingsAndATighterTarget(_ kind: TestStoreKind) async throws {
        var config = HeartbeatConfig()
        config.team = ["carol"]
        config.serviceLevels.firstResponseHours = 0.75
        let report = try await Self.report(kind, config)
        // carol's own question is now the team's; alice's, dave's and bob's are the community's.
        #expect(report.teamSource == .settings)
        #expect(report.team == ["carol"])
        #expect(report.communityQuestions == 3)
        #expect(report.teamQuestions == 1)
        // alice's: bob answers after 600 s (community); dave's: alice after 1800 s (community);
        // bob's: carol after 3600 s (team).
        #expect(report.byTeam.questions == 1)
        #expect(report.byCommunity.questions == 2)
        #expect(report.byCommunity.firstResponseMedianSeconds == 1200)
        #expect(report.unanswered == 0)
        // Within 45 minutes: 600 s and 1800 s, not 3600 s.
        #expect(abs(report.withinTargetShare - 2.0 / 3.0) < 1e-12)
        #expect(report.byTeam.withinTarget == 0)
    }
}
