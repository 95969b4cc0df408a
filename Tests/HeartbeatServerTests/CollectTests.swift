import Foundation
import HTTPTypes
import HeartbeatCore
import HeartbeatServer
import HeartbeatStore
import Testing

/// `POST /api/v1/collect`: a blog's own page views, public, without cookies or stored addresses.
@Suite struct CollectTests {
    static let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0"

    func post(_ client: inout DashboardClient, _ body: String, agent: String = firefox, origin: String? = nil) async throws
        -> DashboardClient.Reply
    {
        var headers: HTTPFields = [.userAgent: agent]
        if let origin { headers[.origin] = origin }
        return try await client.send(.post, "/api/v1/collect", body: body, contentType: "text/plain", headers: headers)
    }

    @Test func aBlogRecordsPageViewsWithoutSigningInAndCrawlersAreDropped() async throws {
        let (dashboard, store) = try await DashboardFixture.make()
        var client = DashboardClient(dashboard: dashboard)
        let first = try await post(
            &client, #"{"path": "/tutorials/swift-on-linux/?utm_source=x", "referrer": "https://news.ycombinator.com/"}"#)
        #expect(first.status == .accepted)
        #expect(first.body == #"{"recorded":true}"#)
        #expect(first.headers[.accessControlAllowOrigin] == "*")
        #expect(first.headers[.setCookie] == nil, "no cookies")
        let member = try await post(&client, #"{"url": "https://blog.example.com/tutorials/swift-concurrency", "member": "ALICE@example.org"}"#)
        #expect(member.status == .accepted)
        let bot = try await post(&client, #"{"path": "/tutorials/a"}"#, agent: "Mozilla/5.0 (compatible; Googlebot/2.1)")
        #expect(bot.body.contains(#""recorded":false"#) && bot.body.contains("crawler"))
        #expect(try await post(&client, "not json").status == .badRequest)
        #expect(try await post(&client, #"{"path": "no-slash"}"#).status == .badRequest)

        let log = try await store.pageViewLog()
        #expect(log.views.count == 2)
        #expect(log.paths.sorted() == ["/tutorials/swift-concurrency", "/tutorials/swift-on-linux"])
        #expect(log.referrers == ["news.ycombinator.com"])
        #expect(log.visitorCount == 1, "the same address and agent is one visitor")
        let alice = try await store.findMembers(matching: "@alice")[0].id
        #expect(log.views.map(\.member).sorted() == [0, alice])
        // The content report, through the API, counts them.
        client.token = try await DashboardFixture.token(for: "vic", in: store)
        let report = try await client.get("/api/v1/reports/content?all=1")
        let summary = try #require((report.json as? [String: Any])?["summary"] as? [String: Any])
        #expect(summary["page_views"] as? Int == 2 && summary["member_readers"] as? Int == 1)

        // An author's reach on their member page: alice wrote the Linux tutorial, read once.
        _ = try await store.saveContentItems([
            ContentItem(path: "/tutorials/swift-on-linux", title: "Swift on Linux", author: "alice", authorMemberID: alice, tags: ["swift"])
        ])
        let page = try await client.get("/members/\(alice)")
        #expect(page.body.contains("<h2>Content reach</h2>"))
        #expect(page.body.contains("1 page views by 1 readers of the 1 catalog item(s) they wrote"))
        let profile = try await client.get("/api/v1/members/\(alice)")
        let reach = try #require((profile.json as? [String: Any])?["reach"] as? [String: Any])
        #expect(reach["page_views"] as? Int == 1 && reach["readers"] as? Int == 1)
        // On the content report's page, the Channel filter becomes a Tag filter offering the catalog's tags.
        let contentPage = try await client.get("/reports/content?all=1")
        #expect(contentPage.body.contains("<option value=\"\">All tags</option><option value=\"swift\">swift</option>"))
        let bob = try await store.findMembers(matching: "@bob")[0].id
        #expect(!(try await client.get("/members/\(bob)").body.contains("Content reach")), "bob wrote nothing")
    }

    @Test func originsAndRatesAreLimited() async throws {
        var config = HeartbeatConfig()
        config.content.collectOrigins = ["https://blog.example.com"]
        let store = try SQLiteStore()
        var options = Dashboard.Options()
        options.collectLimit = 3
        let dashboard = try Dashboard(store: store, config: config, options: options)
        var client = DashboardClient(dashboard: dashboard)
        let preflight = try await client.send(.options, "/api/v1/collect", headers: [.origin: "https://blog.example.com"])
        #expect(preflight.status == .noContent)
        #expect(preflight.headers[.accessControlAllowOrigin] == "https://blog.example.com")
        #expect(preflight.headers[.accessControlAllowMethods] == "POST")
        let foreign = try await post(&client, #"{"path": "/a"}"#, origin: "https://evil.example")
        #expect(foreign.status == .forbidden)
        for _ in 0..<3 { #expect(try await post(&client, #"{"path": "/a"}"#, origin: "https://blog.example.com").status == .accepted) }
        #expect(try await post(&client, #"{"path": "/a"}"#, origin: "https://blog.example.com").status == .tooManyRequests)
        #expect(try await store.pageViewLog().views.count == 3)
    }
}
