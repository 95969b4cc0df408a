import Foundation
import HTTPTypes
import HeartbeatCore
import HeartbeatServer
import HeartbeatStore
import Testing

/// The contributor pipeline in the dashboard: the board, a submission's page, moving it from the
/// browser (admins only, with the CSRF token), and the API.
@Suite struct DashboardSubmissionsTests {
    @Test func theBoardShowsOpenWorkByStateAndFlagsOverdueCards() async throws {
        let (dashboard, _) = try await DashboardFixture.make()
        var client = DashboardClient(dashboard: dashboard)
        _ = try await client.signIn("vic", DashboardFixture.viewerPassword)
        let board = try await client.get("/submissions")
        #expect(board.status == .ok)
        #expect(board.body.contains("<section class=\"column\" data-state=\"accepted\"><h2>accepted <span class=\"count\">1</span>"))
        #expect(board.body.contains("#2 Finding hot paths in Swift apps with the Instruments profiler"))
        // #2 has been pitched since 2026-03-02: far over the 7-day level.
        #expect(board.body.contains("class=\"card overdue\"><a href=\"/submissions/2\">"))
        // A viewer sees the page but not the move form.
        let page = try await client.get("/submissions/1")
        #expect(page.status == .ok && page.body.contains("pitched → accepted") && !page.body.contains("form class=\"move\""))
        #expect(!page.body.contains("Published at"), "no URL until published")
        #expect(try await client.get("/submissions/99").status == .notFound)
        #expect(try await client.get("/submissions?state=done").status == .badRequest)
    }

    @Test func anAdminMovesASubmissionFromTheBrowser() async throws {
        let (dashboard, store) = try await DashboardFixture.make()
        var admin = DashboardClient(dashboard: dashboard)
        _ = try await admin.signIn("ada", DashboardFixture.adminPassword)
        let page = try await admin.get("/submissions/1")
        #expect(page.body.contains("<option value=\"drafting\">drafting</option>"))
        let csrf = try #require(DashboardClient.csrf(in: page.body))

        let forged = try await admin.post("/submissions/1/move", form: ["csrf": "forged", "state": "drafting"])
        #expect(forged.status == .forbidden)
        let invalid = try await admin.post("/submissions/1/move", form: ["csrf": csrf, "state": "published"])
        #expect(invalid.status == .conflict)
        #expect(invalid.body.contains("cannot move to published"))
        #expect(try await store.submission(id: 1)?.state == .accepted)

        let moved = try await admin.post("/submissions/1/move", form: ["csrf": csrf, "state": "drafting", "comment": "go ahead"])
        #expect(moved.status == .seeOther && moved.location == "/submissions/1")
        #expect(try await store.submission(id: 1)?.state == .drafting)
        let last = try #require(try await store.submissionEvents(of: 1).last)
        #expect(last.actor == "ada" && last.comment == "go ahead" && last.to == .drafting)

        // A viewer's session cannot move anything, and neither can an API token (no browser session).
        var viewer = DashboardClient(dashboard: dashboard)
        _ = try await viewer.signIn("vic", DashboardFixture.viewerPassword)
        let viewerPage = try await viewer.get("/submissions/1")
        let refused = try await viewer.post("/submissions/1/move", form: ["csrf": DashboardClient.csrf(in: viewerPage.body) ?? "", "state": "in-review"])
        #expect(refused.status == .forbidden)
        var script = DashboardClient(dashboard: dashboard)
        script.token = try await DashboardFixture.token(for: "ada", in: store)
        #expect(try await script.post("/submissions/1/move", form: ["state": "in-review"]).status == .forbidden)
        #expect(try await store.submission(id: 1)?.state == .drafting)
    }

    @Test func theAPIListsAndFiltersSubmissions() async throws {
        let (dashboard, store) = try await DashboardFixture.make()
        var client = DashboardClient(dashboard: dashboard)
        client.token = try await DashboardFixture.token(for: "vic", in: store)
        let all = try #require(try await client.get("/api/v1/submissions").json as? [String: Any])
        #expect(all["total"] as? Int == 2)
        let pitched = try #require(try await client.get("/api/v1/submissions?state=pitched").json as? [String: Any])
        let cards = try #require(pitched["submissions"] as? [[String: Any]])
        #expect(cards.count == 1 && cards[0]["overdue"] as? Bool == true && cards[0]["service_level_days"] as? Int == 7)
        #expect((cards[0]["submission"] as? [String: Any])?["state_since"] as? String == "2026-03-02T00:00:00Z")
        let detail = try #require(try await client.get("/api/v1/submissions/1").json as? [String: Any])
        #expect(detail["allowed_next"] as? [String] == ["drafting", "declined", "withdrawn"])
        #expect((detail["history"] as? [[String: Any]])?.count == 2)
        let overlaps = try #require(try await client.get("/api/v1/reports/overlaps").json as? [String: Any])
        #expect((overlaps["pairs"] as? [Any])?.count == 1, "the fixture's two Instruments pitches")
    }
}
