import Foundation
import HeartbeatCore
@testable import HeartbeatImport
import HeartbeatTestSupport
import Testing

/// The identity fields the store does not show in a snapshot (GitHub login), read from the
/// importers' first pass over the fixtures.
@Suite struct ChatIdentityEvidenceTests {
    @Test(arguments: [
        ("Alice Admin (github.com/alice-gh)", "alice-gh"),
        ("see https://GitHub.com/Bob-42/repo", "bob-42"),
        ("github.com/", nil),
        ("no link here", nil),
    ] as [(String, String?)])
    func findsAGitHubLoginInProfileText(text: String, login: String?) {
        #expect(GitHubProfileLink.login(in: text) == login)
    }

    @Test func discordAccountsCarryTheirGitHubLoginAndLatestName() throws {
        let job = try DiscordImportJob(path: Fixtures.discordExport.path, options: ImportOptions())
        let identities = Dictionary(uniqueKeysWithValues: job.index.identities.map { ($0.externalID, $0) })
        #expect(identities.count == 7)
        #expect(identities["3001"]?.githubLogin == "alice-gh")
        #expect(identities.values.filter { $0.githubLogin != nil }.count == 1)
        #expect(identities["3003"]?.handle == "carol")
        #expect(identities["3004"]?.isDeleted == true)
        #expect(job.spaces.map(\.name) == ["general", "help"])
        #expect(job.spaces.first?.topic == "Say hi")
    }

    @Test func telegramFullExportIsOneIdentityPerPerson() throws {
        let job = try TelegramImportJob(path: Fixtures.telegramFullExport.path, options: ImportOptions())
        #expect(job.identities.map(\.externalID) == ["user1001", "user1002", "user1005"])
        #expect(job.chats.map(\.source.key) == ["telegram/1234567890", "telegram/1234567891", "telegram/555"])
    }
}
