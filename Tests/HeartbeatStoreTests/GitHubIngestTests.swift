import Foundation
import HeartbeatCore
@testable import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// Ingest of `Tests/Fixtures/github` into a real store (SQLite, and PostgreSQL when configured).
/// Expected figures, by hand:
///
/// GH Archive hour `2026-03-05-10.json`, 17 lines, keeping `heartbeat-demo/engine` (lines 13–15 are
/// `someone/else`, filtered out):
///
/// | line | event | activities |
/// |---|---|---|
/// | 1 | IssuesEvent opened #12 by alice-gh (created 10:00:00) | issue/12 `.issue` (a question) |
/// | 2 | IssueCommentEvent 9001 by bob-dev on #12 at 10:05 | comment/9001 `.reply`, root 10:00:00 by alice-gh |
/// | 3 | PullRequestEvent opened #13 by carol-codes (created 10:10) | pr/13 `.pullRequest` |
/// | 4 | PullRequestReviewEvent 7001 by alice-gh on #13 at 10:20 | review/7001 `.reply`, root 10:10 by carol-codes |
/// | 5 | PullRequestEvent closed, merged at 10:30 by alice-gh | pr/13 again (dropped), merge/13 `.merge` by carol-codes, `.other` pull_request.closed by alice-gh |
/// | 6 | PushEvent 111 by alice-gh, 2 commits by alice@example.org | push/111 `.commit`; e-mail evidence |
/// | 7 | PushEvent 112 by bob-dev, commits by bob@ and carol@ | push/112 `.commit`; no evidence |
/// | 8 | WatchEvent by dave-stars | star/dave-stars `.star` |
/// | 9 | ForkEvent by erin-forks | fork/erin-forks `.fork` |
/// | 10 | PullRequestEvent opened #14 by dependabot[bot] | pr/14 `.botMessage` |
/// | 11 | SponsorshipEvent (unknown) by frank-x | `.other` + a warning |
/// | 12 | ReleaseEvent by alice-gh | `.other` release |
/// | 16 | IssuesEvent closed #12 by alice-gh | `.other` issues.closed |
/// | 17 | PushEvent 113 by carol-codes, a noreply address | push/113 `.commit`; no evidence |
///
/// → 15 activities: issue 1, pullRequest 1, botMessage 1, merge 1, reply 2, commit 3, star 1,
/// fork 1, other 4. Identities: alice-gh, bob-dev, carol-codes, dave-stars, erin-forks,
/// dependabot[bot], frank-x = 7 (each its own member); 1 space; 1 source file.
///
/// REST files (`rest/`), all `heartbeat-demo/engine`:
/// issues.json (two pages): issue/16 (bob-dev, 03-07 12:00), issue/15 (gina-new, 03-06 09:00),
/// pr/13 + merge/13 (carol-codes, via `pull_request.merged_at`), issue/12 (alice-gh) = 5;
/// pulls.json: pr/17 (gina-new, 03-08 08:00), pr/14 (bot), pr/13 + merge/13 again = 2 new;
/// comments.json: comment/9001 (#12), 9002 by alice-gh (#15), 9003 by carol-codes (#17), 9004 by
/// gina-new (#99, unknown: no thread start) = 4. → 11 activities: issue 3, pullRequest 2,
/// botMessage 1, merge 1, reply 4; identities bob-dev, gina-new, carol-codes, alice-gh,
/// dependabot[bot] = 5; 3 source files.
///
/// Both: the REST files add issue/15, issue/16, pr/17 and comments 9002–9004 = 6 → 21 activities;
/// one more identity (gina-new) → 8; 4 source files.
@Suite struct GitHubIngestTests {
    static let engine = ["heartbeat-demo/engine"]
    static var archive: URL { Fixtures.github.appendingPathComponent("2026-03-05-10.json") }
    static var archiveGzip: URL { Fixtures.github.appendingPathComponent("2026-03-05-10.json.gz") }
    static var rest: [URL] {
        ["issues.json", "pulls.json", "comments.json"].map { Fixtures.github.appendingPathComponent("rest/" + $0) }
    }

    static let archiveCounts = StoreCounts(
        workspaces: 1, members: 7, identities: 7, spaces: 1, activities: 15, reactions: 0, mentions: 0, sourceFiles: 1)
    static let restCounts = StoreCounts(
        workspaces: 1, members: 5, identities: 5, spaces: 1, activities: 11, reactions: 0, mentions: 0, sourceFiles: 3)
    static let bothCounts = StoreCounts(
        workspaces: 1, members: 8, identities: 8, spaces: 1, activities: 21, reactions: 0, mentions: 0, sourceFiles: 4)

    static func time(_ text: String) -> Int64 { Timestamp(iso: text)!.microseconds }

    static func kinds(_ snapshot: CommunitySnapshot) -> [ActivityKind: Int] {
        snapshot.activities.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
    }

    static func member(_ snapshot: CommunitySnapshot, _ externalID: String) throws -> Int32 {
        Int32(try #require(snapshot.members.firstIndex { $0.externalID == externalID }))
    }

    static func importing(_ urls: [URL], repositories: [String] = engine, options: ImportOptions = ImportOptions(),
                          into store: any CommunityStore) async throws -> ImportSummary {
        try await GitHubImporter(paths: urls.map(\.path), repositories: repositories, options: options).run(into: store)
    }

    @Test(arguments: TestStores.kinds) func importsTheArchiveHourExactly(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        let summary = try await Self.importing([Self.archive], into: store)
        #expect(try await store.counts() == Self.archiveCounts)
        #expect(summary.workspace == Workspace(platform: .github, externalID: "github.com", name: "GitHub"))
        #expect(summary.activitiesWritten == 15)
        #expect(summary.dayFilesImported == 1)
        #expect(summary.identities == 7)
        #expect(summary.diagnostics.map(\.description) == [
            "\(Self.archive.path): line 11: warning: unknown GitHub event type 'SponsorshipEvent' (1×, first here): "
                + "kept as 'other', not counted as posts"
        ])

        let snapshot = try await store.snapshot(ActivityQuery())
        #expect(snapshot.spaces.map(\.name) == ["heartbeat-demo/engine"])
        #expect(Self.kinds(snapshot) == [
            .issue: 1, .pullRequest: 1, .botMessage: 1, .merge: 1, .reply: 2, .commit: 3, .star: 1, .fork: 1, .other: 4,
        ])
        let alice = try Self.member(snapshot, "alice-gh")
        let carol = try Self.member(snapshot, "carol-codes")
        let issue = try #require(snapshot.activities.first { $0.kind == .issue })
        #expect(issue.time == Self.time("2026-03-05T10:00:00Z"))
        #expect(issue.member == alice)
        #expect(issue.isQuestion)
        // bob-dev's comment is in the thread of alice-gh's issue; alice-gh's review in carol-codes' PR.
        let comment = try #require(snapshot.activities.first { $0.kind == .reply && $0.time == Self.time("2026-03-05T10:05:00Z") })
        #expect(comment.threadRoot == issue.time)
        #expect(comment.parentMember == alice)
        #expect(comment.member == (try Self.member(snapshot, "bob-dev")))
        let review = try #require(snapshot.activities.first { $0.kind == .reply && $0.member == alice })
        #expect(review.threadRoot == Self.time("2026-03-05T10:10:00Z"))
        #expect(review.parentMember == carol)
        // Merged by alice-gh, credited to the author, at merge time.
        let merge = try #require(snapshot.activities.first { $0.kind == .merge })
        #expect(merge.member == carol)
        #expect(merge.time == Self.time("2026-03-05T10:30:00Z"))
        let pull = try #require(snapshot.activities.first { $0.kind == .pullRequest })
        #expect(pull.member == carol)
        let bot = try #require(snapshot.activities.first { $0.kind == .botMessage })
        #expect(snapshot.members[Int(bot.member)].externalID == "dependabot[bot]")
        #expect(snapshot.members[Int(bot.member)].isBot)
        #expect(snapshot.members.filter(\.isBot).map(\.externalID) == ["dependabot[bot]"])
    }

    @Test(arguments: TestStores.kinds) func gzipAndPlainGiveTheSameResult(_ kind: TestStoreKind) async throws {
        let plain = try await TestStores.make(kind)
        let gzip = try await TestStores.make(kind)
        _ = try await Self.importing([Self.archive], into: plain)
        let summary = try await Self.importing([Self.archiveGzip], into: gzip)
        #expect(summary.activitiesWritten == 15)
        #expect(try await gzip.counts() == Self.archiveCounts)
        let plainRows = try await plain.snapshot(ActivityQuery()).activities.map { [$0.kind.rawValue, Int($0.time), Int($0.threadRoot)] }
        let gzipRows = try await gzip.snapshot(ActivityQuery()).activities.map { [$0.kind.rawValue, Int($0.time), Int($0.threadRoot)] }
        #expect(plainRows == gzipRows)
    }

    /// Lines 13–15 are `someone/else`: an issue by zed-other, a star by alice-gh, a push by zed-other.
    @Test(arguments: TestStores.kinds) func repositoryFilterKeepsOnlyTheNamedRepositoriesWhateverTheirCase(_ kind: TestStoreKind) async throws {
        let other = try await TestStores.make(kind)
        _ = try await Self.importing([Self.archive], repositories: ["Someone/Else"], into: other)
        #expect(try await other.counts() == StoreCounts(
            workspaces: 1, members: 2, identities: 2, spaces: 1, activities: 3, reactions: 0, mentions: 0, sourceFiles: 1))
        #expect(Self.kinds(try await other.snapshot(ActivityQuery())) == [.issue: 1, .star: 1, .commit: 1])

        let both = try await TestStores.make(kind)
        _ = try await Self.importing([Self.archive], repositories: ["HEARTBEAT-DEMO/engine", "someone/else"], into: both)
        let counts = try await both.counts()
        #expect(counts.activities == 15 + 3)
        #expect(counts.spaces == 2)
        #expect(counts.identities == 7 + 1)  // zed-other; alice-gh is already counted
    }

    @Test(arguments: TestStores.kinds) func archiveWithoutRepositoriesIsAnErrorAndStoresNothing(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        await #expect {
            _ = try await Self.importing([Self.archive], repositories: [], into: store)
        } throws: { error in
            let error = error as? ImportError
            return error?.identifier == "repositories-required" && error?.message.contains("--repo owner/name") == true
        }
        #expect(try await store.counts().activities == 0)
        #expect(try await store.counts().sourceFiles == 0)
    }

    @Test(arguments: TestStores.kinds) func secondImportOfTheSameFilesWritesNothing(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        let files = [Self.archive] + Self.rest
        _ = try await Self.importing(files, into: store)
        let again = try await Self.importing(files, into: store)
        #expect(again.activitiesWritten == 0)
        #expect(again.dayFilesUnchanged == 4)
        #expect(again.dayFilesImported == 0)
        #expect(try await store.counts() == Self.bothCounts)
    }

    @Test(arguments: TestStores.kinds) func restFilesAloneGiveExactFigures(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        // No filter: REST files keep every repository they hold.
        let summary = try await Self.importing(Self.rest, repositories: [], into: store)
        #expect(summary.activitiesWritten == 11)
        #expect(try await store.counts() == Self.restCounts)
        let snapshot = try await store.snapshot(ActivityQuery())
        #expect(Self.kinds(snapshot) == [.issue: 3, .pullRequest: 2, .botMessage: 1, .merge: 1, .reply: 4])
        #expect(snapshot.activities.filter(\.isQuestion).count == 2)  // #12 "How do I…?", #16 "Why does…?"
        let gina = try Self.member(snapshot, "gina-new")
        let carol = try Self.member(snapshot, "carol-codes")
        let merge = try #require(snapshot.activities.first { $0.kind == .merge })
        #expect(merge.member == carol)
        #expect(merge.time == Self.time("2026-03-05T10:30:00Z"))
        // Comments are dated into their threads from issues.json and pulls.json of the same run,
        // even though comments.json names only issue URLs.
        let replies = snapshot.activities.filter { $0.kind == .reply }
        #expect(replies.map(\.threadRoot) == [
            Self.time("2026-03-05T10:00:00Z"), Self.time("2026-03-06T09:00:00Z"), Self.time("2026-03-08T08:00:00Z"), 0,
        ])
        #expect(replies.map(\.parentMember) == [try Self.member(snapshot, "alice-gh"), gina, gina, -1])
    }

    @Test(arguments: TestStores.kinds) func archiveAndRESTTogetherAddNoDuplicates(_ kind: TestStoreKind) async throws {
        let inOrder = try await TestStores.make(kind)
        let archiveFirst = try await Self.importing([Self.archive], into: inOrder)
        let restAfter = try await Self.importing(Self.rest, into: inOrder)
        #expect(archiveFirst.activitiesWritten == 15)
        #expect(restAfter.activitiesWritten == 6)
        #expect(try await inOrder.counts() == Self.bothCounts)

        let oneRun = try await TestStores.make(kind)
        _ = try await Self.importing(Self.rest + [Self.archive], into: oneRun)
        #expect(try await oneRun.counts() == Self.bothCounts)
        #expect(Self.kinds(try await oneRun.snapshot(ActivityQuery())) == [
            .issue: 3, .pullRequest: 2, .botMessage: 1, .merge: 1, .reply: 5, .commit: 3, .star: 1, .fork: 1, .other: 4,
        ])
    }

    /// A comment whose issue came in an earlier import is dated by the stored issue.
    @Test(arguments: TestStores.kinds) func commentFindsItsIssueInAnEarlierImport(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        _ = try await Self.importing([Self.rest[0]], into: store)
        _ = try await Self.importing([Self.rest[2]], into: store)
        let snapshot = try await store.snapshot(ActivityQuery())
        let onIssue15 = try #require(snapshot.activities.first { $0.time == Self.time("2026-03-06T10:00:00Z") })
        #expect(onIssue15.threadRoot == Self.time("2026-03-06T09:00:00Z"))
        #expect(onIssue15.parentMember == (try Self.member(snapshot, "gina-new")))
        let onUnknown = try #require(snapshot.activities.first { $0.time == Self.time("2026-03-09T09:00:00Z") })
        #expect(onUnknown.kind == .reply)
        #expect(onUnknown.threadRoot == 0)
    }

    static func archiveWithBrokenLine3() throws -> URL {
        let lines = try String(contentsOf: archive, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var broken = lines.map(String.init)
        broken[2] = String(broken[2].dropLast(20))  // cut inside the object: the JSON never closes
        let url = try TemporaryDirectory.make().appendingPathComponent("2026-03-05-10.json")
        try broken.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test(arguments: TestStores.kinds) func malformedLineNamesFileAndLineAndStoresNothing(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        _ = try await Self.importing([Self.archive], into: store)
        let bad = try Self.archiveWithBrokenLine3()
        await #expect {
            _ = try await Self.importing([bad] + Self.rest, into: store)
        } throws: { error in
            let text = (error as? ImportError)?.description ?? ""
            return text.hasPrefix(bad.path + ":3:") && text.contains("line 3 is not a GitHub event: malformed JSON")
        }
        #expect(try await store.counts() == Self.archiveCounts)
    }

    @Test(arguments: TestStores.kinds) func skipBadFilesImportsTheRestAndSaysWhy(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        let bad = try Self.archiveWithBrokenLine3()
        let summary = try await Self.importing(
            [bad] + Self.rest, options: ImportOptions(skipBadFiles: true), into: store)
        #expect(summary.skipped.count == 1)
        #expect(summary.skipped.first?.file == bad.path)
        #expect(try await store.counts() == Self.restCounts)
    }

    /// Plain text, and an API error response saved instead of the issues.
    @Test(arguments: ["hello\n", "{\"message\": \"Not Found\", \"documentation_url\": \"https://docs.github.com/rest\"}\n"], TestStores.kinds)
    func fileThatIsNotGitHubActivityIsRefused(text: String, kind: TestStoreKind) async throws {
        let url = try TemporaryDirectory.make().appendingPathComponent("issues.json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let store = try await TestStores.make(kind)
        await #expect {
            _ = try await Self.importing([url], into: store)
        } throws: { error in
            let error = error as? ImportError
            return error?.identifier == "not-github-activity" && error?.message.contains("data.gharchive.org") == true
        }
    }

    /// alice-gh pushed two commits by alice@example.org (written in two cases): evidence. bob-dev's
    /// push mixes two authors, carol-codes' uses GitHub's private address: no evidence.
    @Test func commitEmailsAreEvidenceOnlyFromSingleAuthorPushes() throws {
        for url in [Self.archive, Self.archiveGzip] {
            let content = try GitHubFileReader(path: url.path, repositories: ["heartbeat-demo/engine"]).read()
            #expect(content.identities["alice-gh"]?.otherEmails == ["alice@example.org"])
            #expect(content.identities["alice-gh"]?.githubLogin == "alice-gh")
            #expect(content.identities["bob-dev"]?.otherEmails == [])
            #expect(content.identities["carol-codes"]?.otherEmails == [])
            #expect(content.identities["zed-other"] == nil)
            #expect(content.filteredOut == 3)
        }
        #expect(GitHubCommitEmail.login(fromNoreply: "98765+Carol-Codes@users.noreply.github.com") == "carol-codes")
        #expect(GitHubCommitEmail.login(fromNoreply: "alice@users.noreply.github.com") == "alice")
        #expect(GitHubCommitEmail.login(fromNoreply: "alice@example.org") == nil)
    }

    @Test func concatenatedPagesBecomeOneArrayWithTheSameLines() {
        let pages = Array("[1,2]\n[]\n[3]".utf8)
        #expect(String(decoding: GitHubRESTPages.joined(pages), as: UTF8.self) == "[1,2,\n  \n 3]")
        #expect(String(decoding: GitHubRESTPages.joined(Array("[][]".utf8)), as: UTF8.self) == "[]  ")
        #expect(String(decoding: GitHubRESTPages.joined(Array("[\"]\"]".utf8)), as: UTF8.self) == "[\"]\"]")
    }
}
