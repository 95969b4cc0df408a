import Foundation
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// `report contributors` on the tiny export plus a hand-written program history, over
/// 2026-03-01 ..< 2026-06-01 (as of 2026-06-01, the period end). Every figure below is worked out
/// by hand in the comments.
@Suite struct ContributorsTests {
    static func at(_ iso: String) -> Timestamp { Timestamp(iso: iso)! }
    static func date(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    static func build(_ kind: TestStoreKind) async throws -> any StoreBackend {
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        let alice = try await store.resolveMember("@alice"), bob = try await store.resolveMember("@bob")
        let carol = try await store.resolveMember("@carol"), dave = try await store.resolveMember("@dave")
        let erin = try await store.resolveMember("@erin")
        func add(_ title: String, _ author: MemberRef, _ day: String) async throws -> Int64 {
            try await store.addSubmission(NewSubmission(title: title, authorID: author.id, createdAt: at(day), actor: "lead")).id
        }
        func move(_ id: Int64, _ state: SubmissionState, _ day: String) async throws {
            _ = try await store.moveSubmission(id: id, to: state, at: at(day), actor: "lead", comment: "", url: nil)
        }
        // S1 (alice): pitched 4 d, accepted 1 d, drafting 10 d, in review 4 d, scheduled 5 d,
        // published 16 d, then promoted; bob edits from 03-06. Pitch to published: 24 days.
        let s1 = try await add("S1", alice, "2026-03-01")
        try await move(s1, .accepted, "2026-03-05")
        _ = try await store.assignEditor(id: s1, editorID: bob.id, at: at("2026-03-06"), actor: "lead", comment: "")
        try await move(s1, .drafting, "2026-03-06")
        try await move(s1, .inReview, "2026-03-16")
        try await move(s1, .scheduled, "2026-03-20")
        try await move(s1, .published, "2026-03-25")
        try await move(s1, .promoted, "2026-04-10")
        // S2 (dave): pitched 04-01 and never answered: 61 days at 06-01, 54 over the 7-day level.
        _ = try await add("S2", dave, "2026-04-01")
        // S3 (carol): declined after 2 days. S6 (carol): withdrawn after 5 days (not a decision).
        let s3 = try await add("S3", carol, "2026-03-10")
        try await move(s3, .declined, "2026-03-12")
        let s6 = try await add("S6", carol, "2026-03-15")
        try await move(s6, .withdrawn, "2026-03-20")
        // S4 (erin): pitched 2 d, accepted 1 d, drafting 6 d, in review since 05-10 with bob:
        // 22 days at 06-01, 8 over the 14-day level.
        let s4 = try await add("S4", erin, "2026-05-01")
        try await move(s4, .accepted, "2026-05-03")
        _ = try await store.assignEditor(id: s4, editorID: bob.id, at: at("2026-05-04"), actor: "lead", comment: "")
        try await move(s4, .drafting, "2026-05-04")
        try await move(s4, .inReview, "2026-05-10")
        // S5 (alice): from a spreadsheet, published 02-20, before the period.
        _ = try await store.importSubmissions([
            NewSubmission(
                title: "S5", authorID: alice.id, state: .published, createdAt: at("2026-02-01"), stateSince: at("2026-02-20"),
                externalKey: "5", actor: "import")
        ])
        // Roles: bob editor since January; dave beta tester Feb 1 to Mar 15; carol evangelist from Apr 15.
        _ = try await store.grantRole(memberID: bob.id, role: "editor", starts: date("2026-01-01"), note: "")
        _ = try await store.grantRole(memberID: dave.id, role: "beta-tester", starts: date("2026-02-01"), note: "")
        _ = try await store.revokeRole(memberID: dave.id, role: "beta-tester", ends: date("2026-03-15"))
        _ = try await store.grantRole(memberID: carol.id, role: "evangelist", starts: date("2026-04-15"), note: "")
        // Guidelines: 2.0 is current from 04-01; only bob accepted it before 06-01 (erin after).
        _ = try await store.publishGuidelines(version: "1.0", published: date("2026-01-01"), url: nil)
        _ = try await store.publishGuidelines(version: "2.0", published: date("2026-04-01"), url: nil)
        _ = try await store.acceptGuidelines(memberID: alice.id, version: "1.0", at: at("2026-01-05"))
        _ = try await store.acceptGuidelines(memberID: bob.id, version: "2.0", at: at("2026-04-02"))
        _ = try await store.acceptGuidelines(memberID: erin.id, version: "2.0", at: at("2026-07-01"))
        return store
    }

    static let request = ReportRequest(since: CivilDate(iso: "2026-03-01"), until: CivilDate(iso: "2026-06-01"))

    @Test(arguments: TestStores.kinds) func figuresMatchTheHandComputedHistory(_ kind: TestStoreKind) async throws {
        let store = try await Self.build(kind)
        let report = try await Contributors.report(store: store, request: Self.request, config: HeartbeatConfig(), now: Self.at("2026-11-24"))
        #expect(report.asOf == "2026-06-01T00:00:00Z")
        let summary = report.summary
        // alice (S5, Feb), bob (editor, Jan), dave (beta tester, Feb), carol (S3, Mar), erin (S4, May).
        #expect(summary.contributors == 5)
        #expect(summary.newContributors == 2)
        #expect(report.newContributors.map(\.handle) == ["carol", "erin"])
        // Everyone posted or had a submission change in the period.
        #expect(summary.activeContributors == 5)
        // carol last active 03-20 (73 days), dave 04-01 (61 days); alice 04-10 and bob/erin 05-10 are within 60.
        #expect(report.quiet.map(\.handle) == ["carol", "dave"])
        #expect(report.quiet.map(\.daysSilent) == [73, 61])
        #expect(report.quiet.map(\.openSubmissions) == [0, 1])
        #expect(report.quiet.map(\.lastActivity) == ["2026-03-20", "2026-04-01"])
        #expect(summary.pitched == 5)
        #expect(summary.published == 1)
        #expect(summary.decisions == 3 && summary.accepted == 2)
        #expect(summary.acceptanceRate == 2.0 / 3.0)
        #expect(summary.pitchToPublishedMedianDays == 24)
        #expect(summary.openSubmissions == 2)
        #expect(summary.overdue == 2)
        #expect(report.overdue.map(\.title) == ["S2", "S4"])
        #expect(report.overdue.map(\.overdueDays) == [54, 8])
        #expect(report.overdue.map(\.daysInState) == [61, 22])
        #expect(report.overdue.map(\.editor) == [nil, try await store.resolveMember("@bob").label])

        let states = Dictionary(uniqueKeysWithValues: report.states.map { ($0.state, $0) })
        #expect(states[.pitched]?.atPeriodEnd == 1)
        #expect(states[.pitched]?.entered == 5)
        #expect(states[.pitched]?.staysEnded == 4)  // S1 4, S3 2, S4 2, S6 5
        #expect(states[.pitched]?.medianDays == 3)
        #expect(states[.accepted]?.medianDays == 1)
        #expect(states[.drafting]?.medianDays == 8)  // 10 and 6
        #expect(states[.inReview]?.staysEnded == 1)
        #expect(states[.inReview]?.medianDays == 4)
        #expect(states[.published]?.atPeriodEnd == 1)  // S5; S1 moved on
        #expect(states[.published]?.entered == 1)  // S5's import was before the period
        #expect(states[.published]?.medianDays == 16)
        #expect(states[.promoted]?.atPeriodEnd == 1)
        #expect(states[.declined]?.atPeriodEnd == 1)
        #expect(states[.withdrawn]?.atPeriodEnd == 1)
        #expect(states[.pitched]?.serviceLevelDays == 7 && states[.inReview]?.serviceLevelDays == 14)

        let roles = Dictionary(uniqueKeysWithValues: report.roles.map { ($0.role, $0) })
        #expect(report.roles.map(\.role) == ["author", "editor", "beta-tester", "evangelist", "moderator"])
        #expect(roles["editor"].map { [$0.holders, $0.active, $0.granted, $0.ended] } == [1, 1, 0, 0])
        #expect(roles["beta-tester"].map { [$0.holders, $0.active, $0.granted, $0.ended] } == [1, 1, 0, 1])
        #expect(roles["evangelist"].map { [$0.holders, $0.active, $0.granted, $0.ended] } == [1, 1, 1, 0])
        #expect(roles["author"]?.holders == 0)

        #expect(report.guidelines.current == "2.0")
        #expect(report.guidelines.acceptedByActive == 1)
        #expect(Set(report.guidelines.notAccepted.map(\.handle)) == ["alice", "carol", "dave", "erin"])
        #expect(report.guidelines.notAccepted.first { $0.handle == "carol" }?.roles == ["evangelist"])
    }

    @Test(arguments: TestStores.kinds) func servicelevelsComeFromTheSettings(_ kind: TestStoreKind) async throws {
        let store = try await Self.build(kind)
        let config = try HeartbeatConfig(
            toml: """
                [service_levels]
                pitched_days = 0
                in_review_days = 30
                drafting_days = 3
                [contributors]
                quiet_days = 30
                """, file: "heartbeat.toml")
        let report = try await Contributors.report(store: store, request: Self.request, config: config, now: Self.at("2026-11-24"))
        // Pitches have no level any more; 22 days in review is within 30; nothing is drafting at the end.
        #expect(report.overdue.isEmpty)
        // With 30 quiet days, alice (04-10, 52 days) goes quiet too; bob and erin (05-10, 22 days) do not.
        #expect(Set(report.quiet.map(\.handle)) == ["alice", "carol", "dave"])
    }

    @Test(arguments: TestStores.kinds) func anEarlierPeriodIsJudgedAtItsOwnEnd(_ kind: TestStoreKind) async throws {
        let store = try await Self.build(kind)
        let request = ReportRequest(since: CivilDate(iso: "2026-03-01"), until: CivilDate(iso: "2026-03-22"))
        let report = try await Contributors.report(store: store, request: request, config: HeartbeatConfig(), now: Self.at("2026-11-24"))
        // At 03-22: S1 scheduled (since 03-20), S3 declined, S6 withdrawn; S2, S4 not yet pitched.
        #expect(report.states.first { $0.state == .scheduled }?.atPeriodEnd == 1)
        #expect(report.summary.openSubmissions == 1)
        #expect(report.summary.published == 0)
        #expect(report.overdue.isEmpty)
        // Erin (first contribution in May) is not yet a contributor; carol's evangelist role starts later.
        #expect(report.summary.contributors == 4)
        #expect(report.guidelines.current == "1.0")
    }

    @Test(arguments: TestStores.kinds) func aSegmentKeepsItsMembersAndTheirSubmissions(_ kind: TestStoreKind) async throws {
        let store = try await Self.build(kind)
        let config = try HeartbeatConfig(
            toml: """
                [[segment]]
                name = "helpers"
                channels = ["help"]
                """, file: "heartbeat.toml")
        var request = Self.request
        request.segment = "helpers"
        let report = try await Contributors.report(store: store, request: request, config: config, now: Self.at("2026-11-24"))
        // erin never posted in #help: she and her S4 are left out; alice, bob, carol and dave stay.
        #expect(report.summary.contributors == 4)
        #expect(report.summary.pitched == 4)
        #expect(report.overdue.map(\.title) == ["S2"])
        #expect(report.scope.segment == "helpers")
    }
}
