import Foundation
import HeartbeatTestSupport
import Testing

/// Four platforms into one database from the command line, as the README shows: the kinds are
/// recognised by content, people are listed with their evidence, a merge and a split by hand, one
/// person across platforms, and the funnel. Figures as in `CrossPlatformTests`.
@Suite struct IdentitiesCLITests {
    func run(_ arguments: [String], db: String, expectStatus: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIRunner.Output {
        let output = try CLIRunner.run(arguments + ["--db", db])
        #expect(output.status == expectStatus, "\(arguments): \(output.stderr)", sourceLocation: sourceLocation)
        return output
    }

    @Test func fourPlatformsOnePersonFromTheCommandLine() throws {
        let db = try TemporaryDirectory.make().appendingPathComponent("heartbeat.sqlite").path
        let archive = Fixtures.github.appendingPathComponent("2026-03-05-10.json.gz").path
        let ingest = try run(
            [
                "ingest", Fixtures.tinyExport.path, Fixtures.discordExport.path, Fixtures.telegramExport.path, archive,
                "--repo", "heartbeat-demo/engine", "--quiet",
            ], db: db)
        #expect(ingest.stdout.contains("(discord) as workspace"))
        #expect(ingest.stdout.contains("(telegram) as workspace"))
        #expect(ingest.stdout.contains("(github) as workspace 'GitHub'"))
        #expect(ingest.stdout.contains("27 accounts = 24 people"))

        let list = try run(["identities", "list", "--format", "markdown"], db: db)
        #expect(list.stdout.contains("|  | discord:alice | Heartbeat Discord | same GitHub login alice-gh |"))
        #expect(list.stdout.contains("|  | github:alice-gh | GitHub | same e-mail a…@example.org |"))
        #expect(list.stdout.contains("|  | github:carol-codes | GitHub | same GitHub login carol-codes |"))
        let similar = try run(["identities", "list", "--unmerged-similar", "--format", "json"], db: db)
        #expect(similar.stdout.contains("telegram:user1001"))

        let merge = try run(["identities", "merge", "@alice", "@user1001"], db: db)
        #expect(merge.stdout.contains("4 accounts: slack:alice, discord:alice, telegram:user1001, github:alice-gh"))
        let member = try run(["member", "@alice", "--format", "json"], db: db)
        let profile = try #require(try JSONSerialization.jsonObject(with: Data(member.stdout.utf8)) as? [String: Any])
        let platforms = (profile["platforms"] as? [[String: Any]])?.compactMap { $0["platform"] as? String }
        #expect(Set(platforms ?? []) == ["slack", "discord", "telegram", "github"])
        #expect((profile["accounts"] as? [Any])?.count == 4)

        // The same exports again: the merge holds and nothing is written.
        let again = try run(["ingest", Fixtures.tinyExport.path, Fixtures.telegramExport.path, "--quiet"], db: db)
        #expect(again.stdout.contains("27 accounts = 23 people"))

        let split = try run(["identities", "split", "telegram:user1001"], db: db)
        #expect(split.stdout.contains("Split: telegram:user1001 is now #"))
        let after = try run(["ingest", Fixtures.telegramExport.path, "--quiet"], db: db)
        #expect(after.stdout.contains("27 accounts = 24 people"))
        let unknown = try run(["identities", "split", "discord:nobody"], db: db, expectStatus: 64)
        #expect(unknown.stderr.contains("no account 'discord:nobody'"))

        let funnel = try run(["report", "funnel", "--all", "--format", "csv"], db: db)
        #expect(funnel.stdout.contains("steps,Had a pull request merged,reached,1"))
    }

    @Test func aFileOfNoKnownKindSaysWhatIsRead() throws {
        let directory = try TemporaryDirectory.make()
        let file = directory.appendingPathComponent("notes.json")
        try #"{"hello": "world"}"#.write(to: file, atomically: true, encoding: .utf8)
        let output = try run(["ingest", file.path], db: directory.appendingPathComponent("h.sqlite").path, expectStatus: 1)
        #expect(output.stderr.contains("not an export Heartbeat knows"))
    }
}
