import Foundation
import HeartbeatTestSupport
import Testing

@Suite struct CLITests {
    func ingestedDatabase() throws -> String {
        let db = try TemporaryDirectory.make().appendingPathComponent("heartbeat.sqlite").path
        let output = try CLIRunner.run(["ingest", Fixtures.tinyExport.path, "--db", db, "--quiet"])
        #expect(output.status == 0, "\(output.stderr)")
        return db
    }

    @Test func ingestSaysWhatItDid() throws {
        let db = try TemporaryDirectory.make().appendingPathComponent("heartbeat.sqlite").path
        let first = try CLIRunner.run(["ingest", Fixtures.tinyExport.path, "--db", db])
        #expect(first.status == 0)
        #expect(first.stdout.contains("3 day files: 3 imported, 0 unchanged, 0 skipped"))
        #expect(first.stdout.contains("Store \(db): 7 accounts = 7 people, 17 activities, 3 reactions, 1 mentions"))
        #expect(first.stderr.contains("unknown message subtype 'huddle_magic'"))
        let second = try CLIRunner.run(["ingest", Fixtures.tinyExport.path, "--db", db])
        #expect(second.stdout.contains("3 day files: 0 imported, 3 unchanged, 0 skipped"))
        #expect(second.stdout.contains("7 people, 17 activities"))
    }

    @Test(arguments: ["markdown", "csv", "json", "table"])
    func reportMatchesGoldenFile(format: String) throws {
        let db = try ingestedDatabase()
        let output = try CLIRunner.run([
            "report", "--db", db, "--since", "2026-03-01", "--until", "2026-03-16", "--format", format,
        ])
        #expect(output.status == 0, "\(output.stderr)")
        try CLIRunner.expectGolden(output.stdout, "engagement.\(format == "markdown" ? "md" : format == "table" ? "txt" : format)")
    }

    @Test func engagementIsTheDefaultReport() throws {
        let db = try ingestedDatabase()
        let explicit = try CLIRunner.run(["report", "engagement", "--db", db, "--format", "json"])
        let implicit = try CLIRunner.run(["report", "--db", db, "--format", "json"])
        #expect(explicit.status == 0)
        #expect(explicit.stdout == implicit.stdout)
        #expect(implicit.stdout.contains("\"since\" : \"2025-12-10\""))
    }

    @Test func membersListsAndSearches() throws {
        let db = try ingestedDatabase()
        let output = try CLIRunner.run(["members", "--db", db, "--search", "engineer", "--format", "csv"])
        #expect(output.status == 0)
        #expect(output.stdout == """
            section,item,metric,value\r
            members,carol,handle,@carol\r
            members,carol,title,iOS engineer\r
            members,carol,posts,4\r
            members,carol,replies,3\r
            members,carol,reactions_received,0\r
            members,carol,first_seen,2026-03-02\r
            members,carol,last_seen,2026-03-09\r
            members,carol,status,\r

            """)
    }

    @Test func corruptedDayFileIsAClearErrorAndChangesNothing() throws {
        let db = try ingestedDatabase()
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        try "[{\"ts\": \"1772532000.000100\", \"user\": \"U4\"},, ]"
            .write(to: copy.appendingPathComponent("help/2026-03-03.json"), atomically: true, encoding: .utf8)
        let before = try CLIRunner.run(["report", "--db", db, "--all", "--format", "json"])
        let output = try CLIRunner.run(["ingest", copy.path, "--db", db])
        #expect(output.status != 0)
        #expect(output.stderr.contains("help/2026-03-03.json:1:44: malformed JSON: expected a value, found ','"))
        let after = try CLIRunner.run(["report", "--db", db, "--all", "--format", "json"])
        #expect(before.stdout == after.stdout)
    }

    @Test func badOptionsAreExplained() throws {
        let output = try CLIRunner.run(["report", "--since", "2026-13-01"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("--since"))
        let unknownChannel = try CLIRunner.run(["report", "--db", try ingestedDatabase(), "--channel", "nope"])
        #expect(unknownChannel.status != 0)
        #expect(unknownChannel.stderr.contains("no channel named 'nope'"))
        #expect(unknownChannel.stderr.contains("Known channels: general, help"))
    }

    @Test func helpTeachesTheDefinitions() throws {
        let output = try CLIRunner.run(["report", "engagement", "--help"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("first response"))
        #expect(output.stdout.contains("stickiness = DAU / MAU"))
    }
}
