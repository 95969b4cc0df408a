import Foundation
import HeartbeatCore
import HeartbeatImport
import HeartbeatStore
import HTTPTypes
import HeartbeatTestSupport
import Testing

/// The member page and API show a person across platforms: alice's Slack account and the GitHub
/// account that shares her e-mail are one member, with the evidence.
@Suite struct MemberPageTests {
    @Test func aMergedPersonShowsEveryAccountAndWhy() async throws {
        let (dashboard, store) = try await DashboardFixture.make()
        _ = try await GitHubImporter(
            paths: [Fixtures.github.appendingPathComponent("2026-03-05-10.json").path], repositories: ["heartbeat-demo/engine"]
        ).run(into: store)
        var client = DashboardClient(dashboard: dashboard)
        client.token = try await DashboardFixture.token(for: "vic", in: store)
        let alice = try await store.findMembers(matching: "@alice")[0].id
        let page = try await client.get("/members/\(alice)")
        #expect(page.status == .ok)
        #expect(page.body.contains("<td>github</td><td>GitHub</td><td>@alice-gh</td><td>alice-gh</td><td>same e-mail a…@example.org</td>"))
        let profile = try #require(try await client.get("/api/v1/members/\(alice)").json as? [String: Any])
        let platforms = (profile["platforms"] as? [[String: Any]])?.compactMap { $0["platform"] as? String }
        #expect(platforms == ["slack", "github"])
        let accounts = (profile["accounts"] as? [[String: Any]])?.compactMap { $0["linked_by"] as? String }
        #expect(accounts == ["", "same e-mail a…@example.org"])
    }
}
