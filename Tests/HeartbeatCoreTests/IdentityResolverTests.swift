import Foundation
@testable import HeartbeatCore
import Testing

/// The resolution rules on hand-made accounts, each case named after the rule it checks.
@Suite struct IdentityResolverTests {
    /// Workspaces: 1 Slack, 2 Discord, 3 GitHub, 4 a second Discord guild.
    static func account(
        _ id: Int64, _ workspace: Int64, _ platform: Platform, _ handle: String, email: String? = nil,
        github: String? = nil, otherEmails: [String] = [], bot: Bool = false, externalID: String? = nil
    ) -> IdentityRecord {
        IdentityRecord(
            id: id, memberID: id, workspaceID: workspace, workspaceName: "w\(workspace)", platform: platform,
            externalID: externalID ?? "x\(id)", handle: handle, displayName: handle, email: email, githubLogin: github,
            otherEmails: otherEmails, isBot: bot)
    }

    @Test func sameEmailAndGitHubLoginJoinOnePersonAcrossThreePlatforms() {
        let records = [
            Self.account(1, 1, .slack, "alice", email: "Alice@Example.org", github: "alice-gh"),
            Self.account(2, 2, .discord, "alice", github: "alice-gh"),
            Self.account(3, 3, .github, "alice-gh", github: "alice-gh", otherEmails: ["alice@example.org"]),
            Self.account(4, 1, .slack, "bob", email: "bob@example.org"),
        ]
        let resolution = IdentityResolver().resolve(records, decisions: [])
        #expect(resolution.groups == [[1, 2, 3], [4]])
        let rules = resolution.links.map(\.rule)
        // The e-mail joins 1 and 3; the login then finds 1 and 2 (3 already joined).
        #expect(rules == [.sameEmail, .sameGitHubLogin])
        #expect(resolution.links.contains { $0.evidence == "a…@example.org" })
    }

    /// Addresses are compared trimmed and lowercased: the fast path for plain ones gives what
    /// Foundation's trimming and lowercasing give, and surrounding spaces or capitals still join.
    @Test func addressesAreComparedTrimmedAndLowercased() {
        for email in [
            "alice@example.org", " Alice@Example.org\t", "\tbob@x.io ", "ÉLODIE@exemple.fr", "\u{00A0}nb@x.io",
            "MiXeD+tag@Host.COM", "", " ",
        ] {
            #expect(
                IdentityResolver.normalizedEmail(email) == email.trimmingCharacters(in: .whitespaces).lowercased(),
                "\(email)")
        }
        let records = [
            Self.account(1, 1, .slack, "alice", email: " ALICE@example.org"),
            Self.account(2, 2, .discord, "alice", otherEmails: ["alice@EXAMPLE.org\t"]),
            Self.account(3, 3, .github, "al", otherEmails: ["alice@example.org", "Alice@example.org "]),
        ]
        #expect(IdentityResolver().resolve(records, decisions: []).groups == [[1, 2, 3]])
    }

    @Test func aSharedMailboxOrRoleAddressJoinsNobody() {
        let records = [
            Self.account(1, 1, .slack, "ann", email: "info@acme.io"),
            Self.account(2, 2, .discord, "ben", otherEmails: ["info@acme.io"]),
            // Two accounts of one workspace with one address: a shared mailbox.
            Self.account(3, 1, .slack, "cat", email: "team-x@acme.io"),
            Self.account(4, 1, .slack, "dan", email: "team-x@acme.io"),
            Self.account(5, 3, .github, "dan-gh", otherEmails: ["team-x@acme.io"]),
        ]
        let resolution = IdentityResolver().resolve(records, decisions: [])
        #expect(resolution.groups == [[1], [2], [3], [4], [5]])
        #expect(resolution.refusals.count == 1)
        #expect(resolution.refusals.first?.reason.contains("shared by slack:cat and slack:dan") == true)
    }

    @Test func botsAreNeverJoinedAutomatically() {
        let records = [
            Self.account(1, 1, .slack, "release-bot", email: "release@acme.io", bot: true),
            Self.account(2, 3, .github, "release-bot", otherEmails: ["release@acme.io"]),
        ]
        #expect(IdentityResolver().resolve(records, decisions: []).groups == [[1], [2]])
    }

    @Test func theSameGlobalAccountInTwoWorkspacesIsOnePerson() {
        let records = [
            Self.account(1, 2, .discord, "zed", externalID: "9001"),
            Self.account(2, 4, .discord, "zed2", externalID: "9001"),
            Self.account(3, 1, .slack, "zed", externalID: "U9"),
            Self.account(4, 5, .slack, "zed", externalID: "U9"),  // Slack ids are per workspace
        ]
        let resolution = IdentityResolver().resolve(records, decisions: [])
        #expect(resolution.groups == [[1, 2], [3], [4]])
        #expect(resolution.links.first?.rule == .sameAccount)
    }

    @Test func aSplitByHandKeepsAccountsApartEvenThroughAThirdAccount() {
        let records = [
            Self.account(1, 1, .slack, "sam", email: "sam@example.org"),
            Self.account(2, 3, .github, "sam-gh", github: "sam-gh", otherEmails: ["sam@example.org"]),
            Self.account(3, 2, .discord, "sam", github: "sam-gh"),
        ]
        let split = IdentityDecision(kind: .split, identityA: 1, identityB: 3, decidedAt: Timestamp(microseconds: 1))
        let resolution = IdentityResolver().resolve(records, decisions: [split])
        // 1–2 by e-mail joins first (rule order), 2–3 by login would bring 3 to 1: refused.
        #expect(resolution.groups.count == 2)
        #expect(!resolution.groups.contains { $0.contains(1) && $0.contains(3) })
        #expect(resolution.refusals.contains { $0.reason.contains("identities split") })
    }

    @Test func aMergeByHandJoinsWithoutEvidence() {
        let records = [Self.account(1, 1, .slack, "kim"), Self.account(2, 3, .github, "kimchi")]
        let merge = IdentityDecision(kind: .merge, identityA: 2, identityB: 1, decidedAt: Timestamp(microseconds: 1))
        let resolution = IdentityResolver().resolve(records, decisions: [merge])
        #expect(resolution.groups == [[1, 2]])
        #expect(resolution.links.map(\.rule) == [.manual])
    }

    @Test func profileLinksNameALogin() {
        #expect(GitHubProfileLink.login(in: "https://GitHub.com/Alice-GH/heartbeat") == "alice-gh")
        #expect(GitHubProfileLink.login(in: "Alice Admin (github.com/alice-gh)") == "alice-gh")
        #expect(GitHubProfileLink.login(in: "see github.com/orgs/acme") == nil)
        #expect(GitHubProfileLink.login(in: "no link here") == nil)
    }
}
