import Foundation
import HTTPTypes
import HeartbeatCore
import HeartbeatStore
import HeartbeatServer
import Testing

@Suite struct DashboardSecurityTests {
    static let pageRoutes = [
        "/", "/reports/engagement", "/reports/influence", "/reports/organic", "/reports/retention", "/reports/topics",
        "/reports/segments", "/reports/activity", "/reports/responsiveness", "/members", "/members/1", "/channels/general",
        "/reports/contributors", "/reports/overlaps", "/submissions", "/submissions/1", "/no-such-page",
    ]
    static let apiRoutes = [
        "/api/v1/openapi.json", "/api/v1/reports/engagement", "/api/v1/reports/organic", "/api/v1/members",
        "/api/v1/members/1", "/api/v1/submissions", "/api/v1/submissions/1",
    ]

    @Test func everyRouteTurnsAnonymousVisitorsAway() async throws {
        let (dashboard, _) = try await DashboardFixture.make()
        var client = DashboardClient(dashboard: dashboard)
        for path in Self.pageRoutes {
            let reply = try await client.get(path)
            #expect(reply.status == .seeOther, "\(path)")
            #expect(reply.location == "/login?next=" + DashboardClient.encode(path), "\(path)")
            #expect(!reply.body.contains("general"), "\(path) leaked content")
        }
        for path in Self.apiRoutes {
            let reply = try await client.get(path)
            #expect(reply.status == .unauthorized, "\(path)")
            #expect(reply.headers[.wwwAuthenticate] == "Bearer realm=\"heartbeat\"")
        }
        // The public routes: the sign-in page and the stylesheet.
        #expect(try await client.get("/login").status == .ok)
        #expect(try await client.get("/static/heartbeat.css").status == .ok)
        // Sign-out without a session is refused, not a redirect loop.
        #expect(try await client.post("/logout", form: ["csrf": "x"]).status == .seeOther)
    }

    @Test func wrongPasswordIsRefusedAndTheRightOneSignsIn() async throws {
        let (dashboard, _) = try await DashboardFixture.make()
        var client = DashboardClient(dashboard: dashboard)
        let wrong = try await client.signIn("ada", "not the password")
        #expect(wrong.status == .unauthorized)
        #expect(wrong.body.contains("Wrong account name or password."))
        #expect(client.cookies["hb_session"] == nil)
        let unknown = try await client.signIn("nobody", DashboardFixture.adminPassword)
        #expect(unknown.status == .unauthorized)

        let right = try await client.signIn("ada", DashboardFixture.adminPassword)
        #expect(right.status == .seeOther)
        #expect(right.location == "/")
        let cookie = right.headers[values: .setCookie].first { $0.hasPrefix("hb_session=") } ?? ""
        for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
            #expect(cookie.contains(attribute), "session cookie lacks \(attribute): \(cookie)")
        }
        let overview = try await client.get("/")
        #expect(overview.status == .ok)
        #expect(overview.body.contains("data-figure=\"activity.active_posters\""))
    }

    @Test func forgedOrMissingCSRFTokensAreRefused() async throws {
        let (dashboard, _) = try await DashboardFixture.make()
        var client = DashboardClient(dashboard: dashboard)
        _ = try await client.get("/login")
        let forged = try await client.post("/login", form: ["csrf": "forged", "name": "ada", "password": DashboardFixture.adminPassword])
        #expect(forged.status == .forbidden)
        #expect(client.cookies["hb_session"] == nil)

        #expect(try await client.signIn("ada", DashboardFixture.adminPassword).status == .seeOther)
        let page = try await client.get("/")
        let forgedLogout = try await client.post("/logout", form: ["csrf": "forged"])
        #expect(forgedLogout.status == .forbidden)
        #expect(try await client.get("/").status == .ok, "a forged sign-out must not end the session")
        let missing = try await client.post("/logout", form: [:])
        #expect(missing.status == .forbidden)

        let logout = try await client.post("/logout", form: ["csrf": DashboardClient.csrf(in: page.body) ?? ""])
        #expect(logout.status == .seeOther)
        #expect(try await client.get("/").status == .seeOther, "signed out")
    }

    @Test func signInAttemptsAreRateLimited() async throws {
        let (dashboard, _) = try await DashboardFixture.make(loginAttempts: 3)
        var client = DashboardClient(dashboard: dashboard)
        for _ in 0..<3 { #expect(try await client.signIn("ada", "wrong password").status == .unauthorized) }
        let limited = try await client.signIn("ada", DashboardFixture.adminPassword)
        #expect(limited.status == .tooManyRequests, "even the right password waits once the limit is reached")
        #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 > 0)
        #expect(client.cookies["hb_session"] == nil)
    }

    @Test func viewersDoNotSeeEmailAddresses() async throws {
        let (dashboard, store) = try await DashboardFixture.make()
        var admin = DashboardClient(dashboard: dashboard)
        admin.token = try await DashboardFixture.token(for: "ada", in: store)
        var viewer = DashboardClient(dashboard: dashboard)
        viewer.token = try await DashboardFixture.token(for: "vic", in: store)

        let adminList = try await admin.get("/api/v1/members?per_page=200")
        #expect(adminList.body.contains("alice@example.org"))
        let viewerList = try await viewer.get("/api/v1/members?per_page=200")
        #expect(viewerList.status == .ok)
        #expect(!viewerList.body.contains("@example.org"))

        var viewerBrowser = DashboardClient(dashboard: dashboard)
        #expect(try await viewerBrowser.signIn("vic", DashboardFixture.viewerPassword).status == .seeOther)
        for path in ["/members", "/members/1"] {
            let page = try await viewerBrowser.get(path)
            #expect(page.status == .ok)
            #expect(!page.body.contains("@example.org"), "\(path) shows an e-mail to a viewer")
        }
        var adminBrowser = DashboardClient(dashboard: dashboard)
        _ = try await adminBrowser.signIn("ada", DashboardFixture.adminPassword)
        #expect(try await adminBrowser.get("/members").body.contains("alice@example.org"))
    }

    @Test func revokedOrMadeUpTokensGetA401() async throws {
        let (dashboard, store) = try await DashboardFixture.make()
        var client = DashboardClient(dashboard: dashboard)
        client.token = "hb_made-up"
        #expect(try await client.get("/api/v1/reports/engagement").status == .unauthorized)
        client.token = try await DashboardFixture.token(for: "vic", in: store)
        #expect(try await client.get("/api/v1/reports/engagement").status == .ok)
        let id = try await store.tokens().last!.id
        #expect(try await store.revokeToken(id: id))
        #expect(try await client.get("/api/v1/reports/engagement").status == .unauthorized)
    }

    @Test func malformedParametersGetA400WithTheReason() async throws {
        let (dashboard, store) = try await DashboardFixture.make()
        var client = DashboardClient(dashboard: dashboard)
        client.token = try await DashboardFixture.token(for: "ada", in: store)
        let cases: [(String, String)] = [
            ("/api/v1/reports/engagement?since=2024-02-30", "since"),
            ("/api/v1/reports/engagement?until=yesterday", "until"),
            ("/api/v1/reports/engagement?since=2024-03-01&until=2024-02-01", "since"),
            ("/api/v1/reports/engagement?all=maybe", "all"),
            ("/api/v1/reports/engagement?platform=myspace", "platform"),
            ("/api/v1/reports/engagement?top=-1", "top"),
            ("/api/v1/reports/engagement?top=99999999999999999999", "top"),
            ("/api/v1/reports/engagement?channel=no-such-channel", "no-such-channel"),
            ("/api/v1/reports/engagement?segment=no-such-segment", "no-such-segment"),
            ("/api/v1/members?page=0", "page"),
            ("/api/v1/members?page=abc", "page"),
            ("/api/v1/members?per_page=100000", "per_page"),
            ("/api/v1/members/abc", "abc"),
            ("/api/v1/members/%00", "member id"),
        ]
        for (path, mentioned) in cases {
            let reply = try await client.get(path)
            #expect(reply.status == .badRequest, "\(path) → \(reply.status)")
            let message = ((reply.json as? [String: Any])?["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.contains(mentioned), "\(path): \(message)")
        }
        #expect(try await client.get("/api/v1/members/999999").status == .notFound)
        #expect(try await client.get("/api/v1/reports/nonsense").status == .notFound)
        // The same on pages: an HTML answer with the reason, never a 500.
        client.token = nil
        _ = try await client.signIn("ada", DashboardFixture.adminPassword)
        let page = try await client.get("/reports/engagement?since=2024-13-01")
        #expect(page.status == .badRequest)
        #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
        #expect(page.body.contains("expected a date as YYYY-MM-DD"))
    }

    @Test func everyResponseCarriesSecurityHeaders() async throws {
        let (dashboard, store) = try await DashboardFixture.make()
        var client = DashboardClient(dashboard: dashboard)
        for reply in [try await client.get("/login"), try await client.get("/"), try await client.get("/api/v1/members")] {
            #expect(reply.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(reply.headers[.xContentTypeOptions] == "nosniff")
            #expect(reply.headers[.init("X-Frame-Options")!] == "DENY")
            #expect(reply.headers[.init("Referrer-Policy")!] == "no-referrer")
        }
        client.token = try await DashboardFixture.token(for: "ada", in: store)
        #expect(try await client.get("/api/v1/reports/engagement").headers[.cacheControl] == "no-store")
    }

    @Test func signInRedirectsOnlyWithinTheSite() async throws {
        let (dashboard, _) = try await DashboardFixture.make()
        var client = DashboardClient(dashboard: dashboard)
        let page = try await client.get("/login?next=//evil.example/")
        let reply = try await client.post(
            "/login",
            form: ["csrf": DashboardClient.csrf(in: page.body) ?? "", "name": "ada", "password": DashboardFixture.adminPassword, "next": "//evil.example/"])
        #expect(reply.location == "/")
    }
}
