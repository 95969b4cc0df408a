import Foundation
import HTTPTypes
import HeartbeatCore
import HeartbeatImport
import HeartbeatReport
@testable import HeartbeatServer
import HeartbeatStore
import HeartbeatTestSupport
import HummingbirdBcrypt
import Testing

/// One dashboard over several communities of a PostgreSQL database: admins switch between them,
/// viewers see only those granted to them, and no page, API call, token or cached report ever
/// shows one community's rows in another. Skipped with a note when `HEARTBEAT_TEST_POSTGRES_URL`
/// is unset (scripts/test sets it).
@Suite(.enabled(if: TestStores.postgresSkipReason == nil, Comment(rawValue: TestStores.postgresSkipReason ?? "")))
struct DashboardCommunityTests {
    /// Two new communities of the shared test database: `slack` holds the tiny Slack export and the
    /// contributor program, `discord` the Discord fixture; an admin, and a viewer granted `slack` only.
    struct Setup {
        var dashboard: Dashboard
        var database: PostgresDatabase
        var slack: PostgresStore
        var discord: PostgresStore
        var admin: String
        var viewer: String

        var a: String { slack.community.name }
        var b: String { discord.community.name }
    }

    static func setUp() async throws -> Setup {
        let (database, slack) = try await TestStores.newCommunity(named: "slack")
        let discord = try await TestStores.newCommunity(named: "discord").store
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: slack)
        _ = try await DiscordImporter(path: Fixtures.discordExport.path).run(into: discord)
        try await DashboardFixture.addProgram(to: slack)
        // Accounts belong to the whole (shared) database: names of their own.
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let admin = "ada-\(suffix)", viewer = "vic-\(suffix)"
        _ = try await slack.addAccount(name: admin, role: .admin, passwordHash: Bcrypt.hash(DashboardFixture.adminPassword, cost: 4))
        _ = try await slack.addAccount(name: viewer, role: .viewer, passwordHash: Bcrypt.hash(DashboardFixture.viewerPassword, cost: 4))
        try await database.grantCommunity(account: viewer, community: slack.community)
        let dashboard = try Dashboard(communities: try await PostgresCommunities.open(database))
        return Setup(dashboard: dashboard, database: database, slack: slack, discord: discord, admin: admin, viewer: viewer)
    }

    /// The `data-raw` of a headline figure on the overview.
    static func figure(_ key: String, in page: String) -> String? {
        guard let range = page.range(of: "data-figure=\"\(key)\" data-raw=\"") else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    /// A report built straight from one store, for the whole history: what its pages and API must show.
    static func expected(_ report: String, from store: any DashboardStore) async throws -> ReportCatalog.Built {
        let entry = try #require(ReportCatalog.standard.entry(named: report))
        return try await entry.build(store, try ReportFilters(query: [("all", "1")]).request, HeartbeatConfig())
    }

    /// A fact of a built report (`members.total`).
    static func fact(_ key: String, of built: ReportCatalog.Built) -> String? {
        for section in built.document.sections {
            if case .facts(let list) = section.content, let fact = list.first(where: { section.key + "." + $0.key == key }) {
                return fact.value.raw
            }
        }
        return nil
    }

    static func errorMessage(_ reply: DashboardClient.Reply) -> String {
        ((reply.json as? [String: Any])?["error"] as? [String: Any])?["message"] as? String ?? ""
    }

    /// An import running while the JSON API serves its community: every reply shows the community
    /// before the import (empty) or after it, never part of it. The import is one transaction and
    /// each report reads one repeatable-read snapshot; the report cache is keyed by the generation
    /// the import bumps, so a reply cached before cannot outlive it.
    @Test(.enabled(if: GeneratedExport.isAvailable, "needs ../shared/tools/gen_slack.py"))
    func theAPIDuringAnImportShowsBeforeOrAfterNeverPart() async throws {
        let export = try GeneratedExport.make(messages: 20_000, users: 400, channels: 8, days: 60)
        let (database, store) = try await TestStores.newCommunity(named: "busy")
        let name = store.community.name
        let admin = "ada-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try await store.addAccount(name: admin, role: .admin, passwordHash: Bcrypt.hash(DashboardFixture.adminPassword, cost: 4))
        let dashboard = try Dashboard(communities: try await PostgresCommunities.open(database))
        var script = DashboardClient(dashboard: dashboard)
        script.token = try await DashboardFixture.token(for: admin, in: store)

        /// (members, messages, replies, reactions) of one reply; zeros when the report says the
        /// community holds no activity yet.
        func state() async throws -> [Int] {
            let reply = try await script.get("/api/v1/reports/engagement?community=\(name)&all=1")
            if reply.status != .ok {
                #expect(Self.errorMessage(reply).contains("no activit"), "\(reply.status): \(reply.text)")
                return [0, 0, 0, 0]
            }
            let json = try #require(reply.json as? [String: Any])
            let members = try #require((json["members"] as? [String: Any])?["total"] as? Int)
            let activity = try #require(json["activity"] as? [String: Any])
            return [members, activity["messages"] as? Int ?? -1, activity["replies"] as? Int ?? -1, activity["reactions"] as? Int ?? -1]
        }

        let importing = Task { try await SlackImporter(path: export.path).run(into: store) }
        var seen: [[Int]] = []
        while true {
            let current = try await state()
            seen.append(current)
            if current != [0, 0, 0, 0] { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        let summary = try await importing.value
        let after = try await state()
        #expect(after[0] > 390 && after[1] > 0 && after[2] > 0 && after[3] > 0, "\(after)")
        #expect(summary.activitiesWritten > 19_000)
        for current in seen {
            #expect(current == [0, 0, 0, 0] || current == after, "a reply showed part of the import: \(current), after: \(after)")
        }
        #expect(seen.first == [0, 0, 0, 0], "the first reply came before the import committed")
    }

    @Test func anAdminSwitchesBetweenCommunitiesAndSeesEachOnesOwnFigures() async throws {
        let setup = try await Self.setUp()
        let (a, b) = (setup.a, setup.b)
        let expectedA = try await Self.expected("engagement", from: setup.slack)
        let expectedB = try await Self.expected("engagement", from: setup.discord)
        let membersA = try #require(Self.fact("members.total", of: expectedA))
        let membersB = try #require(Self.fact("members.total", of: expectedB))
        #expect(membersA != membersB, "the fixtures must tell the communities apart")

        var admin = DashboardClient(dashboard: setup.dashboard)
        #expect(try await admin.signIn(setup.admin, DashboardFixture.adminPassword).status == .seeOther)
        let pageA = try await admin.get("/?community=\(a)&all=1")
        let pageB = try await admin.get("/?community=\(b)&all=1")
        #expect(pageA.status == .ok && pageB.status == .ok)
        #expect(Self.figure("members.total", in: pageA.body) == membersA)
        #expect(Self.figure("members.total", in: pageB.body) == membersB)
        #expect(Self.figure("activity.active_posters", in: pageA.body) == Self.fact("activity.active_posters", of: expectedA))
        #expect(Self.figure("activity.active_posters", in: pageB.body) == Self.fact("activity.active_posters", of: expectedB))
        #expect(pageA.body.contains("<h1>Community overview: \(a)</h1>"))

        // The switcher lists both, the current one selected, and posts back to the same page.
        #expect(pageA.body.contains("<form class=\"community\" method=\"get\" action=\"/\">"))
        #expect(pageA.body.contains("<option value=\"\(a)\" selected>\(a)</option>"))
        #expect(pageA.body.contains("<option value=\"\(b)\">\(b)</option>"))
        let retention = try await admin.get("/reports/retention?community=\(b)")
        #expect(retention.status == .ok)
        #expect(retention.body.contains("<form class=\"community\" method=\"get\" action=\"/reports/retention\">"))
        #expect(retention.body.contains("<option value=\"\(b)\" selected>"))

        // Links and forms keep the community.
        #expect(pageA.body.contains("href=\"/members?community=\(a)\""))
        #expect(pageA.body.contains("href=\"/submissions?community=\(a)\""))
        #expect(pageA.body.contains("href=\"/reports/engagement?community=\(a)&amp;all=1\""))
        #expect(pageA.body.contains("<input type=\"hidden\" name=\"community\" value=\"\(a)\">"))
        #expect(pageB.body.contains("href=\"/channels/general?community=\(b)&amp;all=1\""))

        // Members, by community: dave only posted on Slack, frank only on Discord.
        let listA = try await admin.get("/members?community=\(a)&per_page=200")
        let listB = try await admin.get("/members?community=\(b)&per_page=200")
        #expect(listA.body.contains("@dave<") && !listA.body.contains("@frank<"))
        #expect(listB.body.contains("@frank<") && !listB.body.contains("@dave<"))
        #expect(listA.body.contains("alice@example.org"), "the admin sees e-mail addresses")
        #expect(listA.body.contains("<a href=\"/members/") && listA.body.contains("?community=\(a)\">"))

        // The API, the same: exactly the report each store gives on its own.
        #expect(try await admin.get("/api/v1/reports/engagement?community=\(a)&all=1").body == expectedA.json)
        #expect(try await admin.get("/api/v1/reports/engagement?community=\(b)&all=1").body == expectedB.json)
        #expect(try await admin.get("/api/v1/reports/engagement?community=\(a.uppercased())&all=1").body == expectedA.json, "any letter case")
        let submissionsA = try #require(try await admin.get("/api/v1/submissions?community=\(a)").json as? [String: Any])
        let submissionsB = try #require(try await admin.get("/api/v1/submissions?community=\(b)").json as? [String: Any])
        #expect(submissionsA["total"] as? Int == 2 && submissionsB["total"] as? Int == 0)

        // A submission of A is A's alone; moving it returns to A's page.
        let first = try #require((submissionsA["submissions"] as? [[String: Any]])?.compactMap {
            ($0["submission"] as? [String: Any])?["id"] as? Int
        }.min())
        let page = try await admin.get("/submissions/\(first)?community=\(a)")
        #expect(page.status == .ok)
        #expect(page.body.contains("action=\"/submissions/\(first)/move?community=\(a)\""))
        let moved = try await admin.post(
            "/submissions/\(first)/move?community=\(a)", form: ["csrf": DashboardClient.csrf(in: page.body) ?? "", "state": "drafting"])
        #expect(moved.status == .seeOther && moved.location == "/submissions/\(first)?community=\(a)")
        #expect(try await admin.get("/submissions/\(first)?community=\(b)").status == .notFound)
        #expect(try await admin.post("/submissions/\(first)/move?community=\(b)", form: ["csrf": DashboardClient.csrf(in: page.body) ?? "", "state": "in-review"]).status == .notFound)
        #expect(try await setup.slack.submission(id: Int64(first))?.state == .drafting)

        // A community that does not exist: a 404 that says so.
        let unknown = try await admin.get("/?community=no-such-community")
        #expect(unknown.status == .notFound && unknown.text.contains("There is no community 'no-such-community'"))
    }

    @Test func aViewerSeesOnlyTheCommunitiesGrantedToIt() async throws {
        let setup = try await Self.setUp()
        let (a, b) = (setup.a, setup.b)
        let expectedA = try await Self.expected("engagement", from: setup.slack)
        let expectedB = try await Self.expected("engagement", from: setup.discord)
        let frank = try #require(try await setup.discord.findMembers(matching: "@frank").first?.id)

        var viewer = DashboardClient(dashboard: setup.dashboard)
        #expect(try await viewer.signIn(setup.viewer, DashboardFixture.viewerPassword).status == .seeOther)
        // Its one community is the default: no switcher, no parameter in links.
        let home = try await viewer.get("/?all=1")
        #expect(home.status == .ok)
        #expect(Self.figure("members.total", in: home.body) == Self.fact("members.total", of: expectedA))
        #expect(!home.body.contains("name=\"community\""))
        #expect(home.body.contains("<a href=\"/members\">Members</a>"))
        #expect(try await viewer.get("/?community=\(a)&all=1").status == .ok)
        #expect(!(try await viewer.get("/members?per_page=200").body.contains("@frank<")))

        // B, on every page: a 404 worded as for a community that does not exist, and none of B's data.
        let madeUp = try await viewer.get("/?community=nothing-here")
        for path in ["/", "/members", "/members/\(frank)", "/reports/engagement", "/reports/content", "/channels/general", "/submissions"] {
            let reply = try await viewer.get(path + "?community=\(b)&all=1")
            #expect(reply.status == .notFound, "\(path)")
            #expect(reply.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(reply.text.contains("There is no community '\(b)' that the account '\(setup.viewer)' may see. Communities it may see: \(a)."), "\(path)")
            #expect(!reply.body.contains("frank") && !reply.body.contains(expectedB.document.subtitle), "\(path) leaked B")
            #expect(
                reply.body.replacingOccurrences(of: b, with: "X") == madeUp.body.replacingOccurrences(of: "nothing-here", with: "X"),
                "\(path): whether B exists must not show")
        }
        // Within A, an id of B leads nowhere.
        #expect(try await viewer.get("/members/\(frank)").status == .notFound)

        // The API with the viewer's token: the same.
        var script = DashboardClient(dashboard: setup.dashboard)
        script.token = try await DashboardFixture.token(for: setup.viewer, in: setup.slack)
        #expect(try await script.get("/api/v1/reports/engagement?all=1").body == expectedA.json)
        #expect(try await script.get("/api/v1/reports/engagement?community=\(a)&all=1").body == expectedA.json)
        for path in [
            "/api/v1/reports/engagement?all=1", "/api/v1/members", "/api/v1/members/\(frank)", "/api/v1/submissions",
            "/api/v1/submissions/1",
        ] {
            let reply = try await script.get(path + (path.contains("?") ? "&" : "?") + "community=\(b)")
            #expect(reply.status == .notFound, "\(path)")
            #expect(Self.errorMessage(reply).contains("There is no community '\(b)'"), "\(path)")
            #expect(!reply.body.contains("frank"))
        }
        #expect(try await script.get("/api/v1/members/\(frank)").status == .notFound, "B's member is not in A")
        // An admin's token reads B.
        var adminScript = DashboardClient(dashboard: setup.dashboard)
        adminScript.token = try await DashboardFixture.token(for: setup.admin, in: setup.slack)
        #expect(try await adminScript.get("/api/v1/reports/engagement?community=\(b)&all=1").body == expectedB.json)

        // Granting B adds it to the switcher; with two, links carry the choice.
        try await setup.database.grantCommunity(account: setup.viewer, community: setup.discord.community)
        let both = try await viewer.get("/?community=\(b)&all=1")
        #expect(both.status == .ok)
        #expect(Self.figure("members.total", in: both.body) == Self.fact("members.total", of: expectedB))
        #expect(both.body.contains("<option value=\"\(a)\">\(a)</option>") && both.body.contains("<option value=\"\(b)\" selected>"))
        #expect(both.body.contains("href=\"/members?community=\(b)\""))
        #expect(try await script.get("/api/v1/reports/engagement?community=\(b)&all=1").body == expectedB.json)

        // Revoking both takes effect on the next request, for the session and the token alike.
        #expect(try await setup.database.revokeCommunity(account: setup.viewer, community: setup.slack.community))
        #expect(try await viewer.get("/?community=\(a)").status == .notFound)
        #expect(try await setup.database.revokeCommunity(account: setup.viewer, community: setup.discord.community))
        let none = try await viewer.get("/")
        #expect(none.status == .forbidden)
        #expect(none.text.contains("No community has been granted to the account '\(setup.viewer)' yet"))
        let noneAPI = try await script.get("/api/v1/reports/engagement")
        #expect(noneAPI.status == .forbidden && Self.errorMessage(noneAPI).contains("heartbeat users grant \(setup.viewer) COMMUNITY"))
        // Accounts stay global: sign-out works without any community.
        let csrf = DashboardClient.csrf(in: home.body) ?? ""
        #expect(try await viewer.post("/logout", form: ["csrf": csrf]).status == .seeOther)
    }

    /// Two communities whose stores are at the same generation, with different data: the report
    /// cache must build each one's own report, and an import into one keeps the other's cached.
    @Test func theReportCacheNeverServesOneCommunitysReportForAnother() async throws {
        let (database, first) = try await TestStores.newCommunity(named: "cache-a")
        let second = try await TestStores.newCommunity(named: "cache-b").store
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: first)
        _ = try await DiscordImporter(path: Fixtures.discordExport.path).run(into: second)
        #expect(try await first.generation() == second.generation(), "the case a cache keyed by view and generation alone gets wrong")
        let suffix = UUID().uuidString.prefix(8).lowercased()
        _ = try await first.addAccount(name: "ada-\(suffix)", role: .admin, passwordHash: Bcrypt.hash(DashboardFixture.adminPassword, cost: 4))
        let dashboard = try Dashboard(communities: try await PostgresCommunities.open(database))
        var client = DashboardClient(dashboard: dashboard)
        client.token = try await DashboardFixture.token(for: "ada-\(suffix)", in: first)

        let expectedFirst = try await Self.expected("engagement", from: first)
        let expectedSecond = try await Self.expected("engagement", from: second)
        #expect(expectedFirst.json != expectedSecond.json)
        let path = "/api/v1/reports/engagement?all=1&community="
        #expect(try await client.get(path + first.community.name).body == expectedFirst.json)
        #expect(try await client.get(path + second.community.name).body == expectedSecond.json)
        #expect(try await client.get(path + first.community.name).body == expectedFirst.json)
        #expect(await dashboard.cache.count == 2)

        // A page view collected for the second community changes its content report, not the first's.
        let contentPath = "/api/v1/reports/content?all=1&community="
        let contentFirst = try await client.get(contentPath + first.community.name).body
        _ = try await client.get(contentPath + second.community.name)
        let collected = try await client.send(
            .post, "/api/v1/collect?community=\(second.community.name)", body: #"{"path": "/tutorials/one"}"#,
            headers: [.userAgent: CollectTests.firefox])
        #expect(collected.status == .accepted)
        #expect(try await second.pageViewLog().views.count == 1)
        #expect(try await first.pageViewLog().views.isEmpty)
        let secondAfter = try #require(try await client.get(contentPath + second.community.name).json as? [String: Any])
        #expect((secondAfter["summary"] as? [String: Any])?["page_views"] as? Int == 1)
        #expect(try await client.get(contentPath + first.community.name).body == contentFirst)
        #expect(await dashboard.cache.count == 3, "the first community's two views stayed; the second's were dropped and one rebuilt")
    }
}

/// The community parameter with one SQLite store: one community, `default`, that every account
/// sees; nothing changes for existing URLs.
@Suite struct SingleCommunityTests {
    @Test func aSQLiteStoreIsTheOneCommunityDefault() async throws {
        let (dashboard, store) = try await DashboardFixture.make()
        var viewer = DashboardClient(dashboard: dashboard)
        _ = try await viewer.signIn("vic", DashboardFixture.viewerPassword)
        let home = try await viewer.get("/")
        #expect(home.status == .ok && !home.body.contains("name=\"community\""), "one community: no switcher, nothing carried")
        let named = try await viewer.get("/?community=DEFAULT")
        #expect(named.status == .ok)
        #expect(named.body.contains("href=\"/members?community=default\""), "a community named in the URL stays in the links")
        #expect(try await viewer.get("/submissions?community=default&state=pitched").status == .ok)
        let other = try await viewer.get("/reports/engagement?community=acme")
        #expect(other.status == .notFound)
        #expect(other.text.contains("There is no community 'acme' that the account 'vic' may see. Communities it may see: default."))

        var script = DashboardClient(dashboard: dashboard)
        script.token = try await DashboardFixture.token(for: "vic", in: store)
        #expect(try await script.get("/api/v1/members?community=default").status == .ok)
        let refused = try await script.get("/api/v1/members?community=acme")
        #expect(refused.status == .notFound)
        #expect(DashboardCommunityTests.errorMessage(refused).contains("There is no community 'acme'"))
        // The collector: the one community, named or not.
        #expect(try await script.send(.post, "/api/v1/collect?community=acme", body: #"{"path": "/a"}"#).status == .notFound)
        #expect(try await script.send(.post, "/api/v1/collect?community=default", body: #"{"path": "/a"}"#).status == .accepted)
    }

    @Test func theOpenAPIDocumentOffersTheCommunityParameter() async throws {
        let (dashboard, store) = try await DashboardFixture.make()
        var client = DashboardClient(dashboard: dashboard)
        client.token = try await DashboardFixture.token(for: "ada", in: store)
        let document = try #require(try await client.get("/api/v1/openapi.json").json as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        for (path, item) in paths {
            for (_, operation) in item {
                let parameters = ((operation as? [String: Any])?["parameters"] as? [[String: Any]]) ?? []
                #expect(parameters.contains { $0["name"] as? String == "community" && $0["in"] as? String == "query" }, "\(path)")
            }
        }
    }

    /// The cache unit: views are per community, and a new generation drops only that community's views.
    @Test func theReportCacheIsKeyedByCommunity() async throws {
        let cache = ReportCache<String>()
        #expect(try await cache.value(community: 1, view: "engagement?all=1", generation: 3) { "first" } == "first")
        #expect(try await cache.value(community: 2, view: "engagement?all=1", generation: 3) { "second" } == "second")
        #expect(try await cache.value(community: 1, view: "engagement?all=1", generation: 3) { "rebuilt" } == "first")
        #expect(try await cache.value(community: 2, view: "engagement?all=1", generation: 4) { "second, new" } == "second, new")
        #expect(try await cache.value(community: 1, view: "engagement?all=1", generation: 3) { "rebuilt" } == "first")
        #expect(await cache.count == 2)
    }
}

extension DashboardClient.Reply {
    /// The body with the entities Mustache writes for quotes and ampersands turned back.
    var text: String {
        body.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
