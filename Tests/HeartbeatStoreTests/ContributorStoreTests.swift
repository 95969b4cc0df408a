import Foundation
import HeartbeatCore
import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// The contributor program in a real store (SQLite, and PostgreSQL when configured): the
/// pipeline's rules, its history, roles, guidelines, member lookup, spreadsheet imports, and
/// survival across chat re-imports.
@Suite struct ContributorStoreTests {
    static func day(_ iso: String) -> Timestamp { Timestamp(iso: iso)! }

    static func storeWithTinyExport(_ kind: TestStoreKind) async throws -> any StoreBackend {
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        return store
    }

    @Test(arguments: TestStores.kinds) func pipelineMovesThroughEveryStateAndRefusesInvalidMoves(_ kind: TestStoreKind) async throws {
        let store = try await Self.storeWithTinyExport(kind)
        let alice = try await store.resolveMember("@alice")
        let pitch = try await store.addSubmission(
            NewSubmission(title: "  Profiling with Instruments ", tags: ["iOS", "#perf", "ios"], authorID: alice.id, createdAt: Self.day("2026-03-01"), actor: "lead"))
        #expect(pitch.title == "Profiling with Instruments")
        #expect(pitch.tags == ["ios", "perf"])
        #expect(pitch.state == .pitched)

        // Invalid moves are refused with what is allowed, and change nothing.
        await #expect(throws: ContributorError.invalidMove(id: pitch.id, from: .pitched, to: .published)) {
            _ = try await store.moveSubmission(id: pitch.id, to: .published, at: Self.day("2026-03-02"), actor: "lead", comment: "", url: nil)
        }
        #expect(try await store.submission(id: pitch.id)?.state == .pitched)

        let path: [SubmissionState] = [.accepted, .drafting, .inReview, .drafting, .inReview, .scheduled, .published, .promoted]
        for (offset, state) in path.enumerated() {
            let moved = try await store.moveSubmission(
                id: pitch.id, to: state, at: Self.day("2026-03-\(String(format: "%02d", offset + 2))"), actor: "lead",
                comment: "step \(offset)", url: state == .published ? "https://blog.example.org/instruments" : nil)
            #expect(moved.state == state)
        }
        let done = try #require(try await store.submission(id: pitch.id))
        #expect(done.url == "https://blog.example.org/instruments")
        #expect(done.stateSince == Self.day("2026-03-09"))
        // Final: nothing leads out of promoted.
        await #expect(throws: ContributorError.self) {
            _ = try await store.moveSubmission(id: pitch.id, to: .withdrawn, at: Self.day("2026-03-10"), actor: "lead", comment: "", url: nil)
        }
        // A move cannot be dated before the last change.
        let second = try await store.addSubmission(NewSubmission(title: "Second", authorID: alice.id, createdAt: Self.day("2026-03-05"), actor: "lead"))
        await #expect(throws: ContributorError.timeOrder(id: second.id, at: Self.day("2026-03-04"), last: Self.day("2026-03-05"))) {
            _ = try await store.moveSubmission(id: second.id, to: .declined, at: Self.day("2026-03-04"), actor: "lead", comment: "", url: nil)
        }

        let history = try await store.submissionEvents(of: pitch.id)
        #expect(history.map(\.kind) == [.created] + Array(repeating: .moved, count: path.count))
        #expect(history.dropFirst().map(\.to) == path)
        #expect(history.dropFirst().map(\.from) == [.pitched] + path.dropLast())
        #expect(history.map(\.actor) == Array(repeating: "lead", count: path.count + 1))
        #expect(history[3].comment == "step 2")
    }

    @Test func everyStateMoveIsCheckedAgainstTheTable() {
        for from in SubmissionState.allCases {
            for to in SubmissionState.allCases {
                let allowed: Bool
                switch (from, to) {
                case (.pitched, .accepted), (.pitched, .declined), (.pitched, .withdrawn), (.accepted, .drafting),
                    (.accepted, .declined), (.accepted, .withdrawn), (.drafting, .inReview), (.drafting, .withdrawn),
                    (.inReview, .scheduled), (.inReview, .drafting), (.inReview, .declined), (.inReview, .withdrawn),
                    (.scheduled, .published), (.scheduled, .inReview), (.scheduled, .withdrawn), (.published, .promoted):
                    allowed = true
                default: allowed = false
                }
                #expect(from.canMove(to: to) == allowed, "\(from) → \(to)")
            }
        }
        #expect(SubmissionState(lenient: "In Review") == .inReview)
        #expect(SubmissionState(lenient: "in_review") == .inReview)
        #expect(SubmissionState(lenient: "done") == nil)
    }

    @Test(arguments: TestStores.kinds) func membersAreFoundByHandleEmailNameOrIdAndAmbiguityIsAnError(_ kind: TestStoreKind) async throws {
        let store = try await Self.storeWithTinyExport(kind)
        let alice = try await store.resolveMember("@alice")
        #expect(try await store.resolveMember("alice@example.org") == alice)
        #expect(try await store.resolveMember("Alice Admin") == alice)
        #expect(try await store.resolveMember("#\(alice.id)") == alice)
        #expect(alice.handle == "alice")
        let program = try await store.addProgramMember(name: "Alice Admin")
        #expect(program.handle == "")
        await #expect(throws: ContributorError.self) { _ = try await store.resolveMember("Alice Admin") }
        do {
            _ = try await store.resolveMember("alic")
            Issue.record("expected an error")
        } catch let error as ContributorError {
            #expect(error.message.contains("Did you mean: "))
            #expect(error.message.contains("alice"))
        }
    }

    @Test(arguments: TestStores.kinds) func editorAssignmentsRolesAndGuidelinesAreRecorded(_ kind: TestStoreKind) async throws {
        let store = try await Self.storeWithTinyExport(kind)
        let alice = try await store.resolveMember("@alice"), bob = try await store.resolveMember("@bob")
        let pitch = try await store.addSubmission(NewSubmission(title: "Pitch", authorID: alice.id, createdAt: Self.day("2026-03-01"), actor: "lead"))
        let assigned = try await store.assignEditor(id: pitch.id, editorID: bob.id, at: Self.day("2026-03-02"), actor: "lead", comment: "yours")
        #expect(assigned.editor == bob)
        let cleared = try await store.assignEditor(id: pitch.id, editorID: nil, at: Self.day("2026-03-03"), actor: "lead", comment: "")
        #expect(cleared.editor == nil)
        #expect(try await store.submissionEvents(of: pitch.id).filter { $0.kind == .assigned }.map(\.editor) == [bob, nil])

        let grant = try await store.grantRole(memberID: bob.id, role: "beta-tester", starts: CivilDate(iso: "2026-01-01")!, note: "")
        // Granting a held role again keeps the first grant.
        #expect(try await store.grantRole(memberID: bob.id, role: "beta-tester", starts: CivilDate(iso: "2026-02-01")!, note: "") == grant)
        await #expect(throws: ContributorError.self) {
            _ = try await store.revokeRole(memberID: bob.id, role: "beta-tester", ends: CivilDate(iso: "2026-01-01")!)
        }
        let ended = try await store.revokeRole(memberID: bob.id, role: "beta-tester", ends: CivilDate(iso: "2026-03-01")!)
        #expect(ended.ends == CivilDate(iso: "2026-03-01"))
        await #expect(throws: ContributorError.notHeld(role: "beta-tester", member: bob.label)) {
            _ = try await store.revokeRole(memberID: bob.id, role: "beta-tester", ends: CivilDate(iso: "2026-04-01")!)
        }
        #expect(try await store.roleGrants().count == 1)

        _ = try await store.publishGuidelines(version: "1.0", published: CivilDate(iso: "2026-01-01")!, url: nil)
        await #expect(throws: ContributorError.versionExists("1.0")) {
            _ = try await store.publishGuidelines(version: "1.0", published: CivilDate(iso: "2026-01-02")!, url: nil)
        }
        await #expect(throws: ContributorError.self) {
            _ = try await store.acceptGuidelines(memberID: bob.id, version: "9", at: Self.day("2026-03-01"))
        }
        let first = try await store.acceptGuidelines(memberID: bob.id, version: "1.0", at: Self.day("2026-03-01"))
        #expect(try await store.acceptGuidelines(memberID: bob.id, version: "1.0", at: Self.day("2026-03-05")) == first)
        #expect(try await store.guidelineVersions().map(\.acceptedBy) == [1])
    }

    @Test(arguments: TestStores.kinds) func programSurvivesReimportsOfChatData(_ kind: TestStoreKind) async throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        let open = try await TestStores.opener(kind)
        do {
            let store = try await open()
            _ = try await SlackImporter(path: copy.path).run(into: store)
            let alice = try await store.resolveMember("@alice"), bob = try await store.resolveMember("@bob")
            let pitch = try await store.addSubmission(
                NewSubmission(title: "Kept", authorID: alice.id, editorID: bob.id, createdAt: Self.day("2026-03-01"), actor: "lead"))
            _ = try await store.moveSubmission(id: pitch.id, to: .accepted, at: Self.day("2026-03-02"), actor: "lead", comment: "", url: nil)
            _ = try await store.grantRole(memberID: bob.id, role: "editor", starts: CivilDate(iso: "2026-01-01")!, note: "")
            _ = try await store.publishGuidelines(version: "1.0", published: CivilDate(iso: "2026-01-01")!, url: nil)
            _ = try await store.acceptGuidelines(memberID: alice.id, version: "1.0", at: Self.day("2026-03-01"))
        }
        // The export grows and is ingested again (and once more unchanged), from a fresh open.
        try """
        [{"type": "message", "user": "U1", "ts": "1773144000.000100", "text": "new day"}]
        """.write(to: copy.appendingPathComponent("general/2026-03-10.json"), atomically: true, encoding: .utf8)
        let store = try await open()
        _ = try await SlackImporter(path: copy.path).run(into: store)
        _ = try await SlackImporter(path: copy.path).run(into: store)
        let kept = try #require(try await store.submissions().first)
        #expect(kept.title == "Kept" && kept.state == .accepted)
        #expect(kept.author == (try await store.resolveMember("@alice")))
        #expect(kept.editor == (try await store.resolveMember("@bob")))
        #expect(try await store.submissionEvents(of: kept.id).count == 3)
        #expect(try await store.roleGrants().map(\.member.handle) == ["bob"])
        #expect(try await store.guidelineAcceptances().map(\.member.handle) == ["alice"])
    }

    @Test(arguments: TestStores.kinds) func spreadsheetImportAddsThenUpdatesAndIsIdempotent(_ kind: TestStoreKind) async throws {
        let store = try await Self.storeWithTinyExport(kind)
        let alice = try await store.resolveMember("@alice"), bob = try await store.resolveMember("@bob")
        func row(_ key: String, _ state: SubmissionState, since: String? = nil, editor: Int64? = nil) -> NewSubmission {
            NewSubmission(
                title: "Sheet \(key)", tags: ["web"], authorID: alice.id, editorID: editor, state: state,
                createdAt: Self.day("2026-02-01"), stateSince: since.map(Self.day), externalKey: key, actor: "import: sheet.csv")
        }
        let first = try await store.importSubmissions([row("1", .pitched), row("2", .published, since: "2026-02-20")])
        #expect(first == { var s = SubmissionImportSummary(); s.added = 2; return s }())
        let again = try await store.importSubmissions([row("1", .pitched), row("2", .published, since: "2026-02-20")])
        #expect(again.unchanged == 2 && again.added == 0 && again.updated == 0)
        let moved = try await store.importSubmissions([row("1", .drafting, since: "2026-02-10", editor: bob.id), row("2", .published, since: "2026-02-20")])
        #expect(moved.updated == 1 && moved.unchanged == 1)
        let all = try await store.submissions()
        #expect(all.count == 2)
        let one = try #require(all.first { $0.externalKey == "1" })
        #expect(one.state == .drafting && one.editor == bob && one.stateSince == Self.day("2026-02-10"))
        let history = try await store.submissionEvents(of: one.id)
        #expect(history.map(\.kind) == [.created, .assigned, .imported])
        #expect(history.last?.from == .pitched && history.last?.to == .drafting)
        let two = try #require(all.first { $0.externalKey == "2" })
        #expect(try await store.submissionEvents(of: two.id).map(\.kind) == [.created, .imported])
    }
}
