import Foundation
import HeartbeatTestSupport
import Testing

/// The contributor program as a user drives it: a pitch moved through every state from the CLI,
/// invalid moves refused, overdue work and roles and guidelines in `report contributors`, the
/// duplicate warning on `submissions add`, a spreadsheet import, and `overlaps`.
@Suite struct ContributorsCLITests {
    func database() throws -> (db: String, directory: URL) {
        let directory = try TemporaryDirectory.make()
        let db = directory.appendingPathComponent("heartbeat.sqlite").path
        let output = try CLIRunner.run(["ingest", Fixtures.tinyExport.path, "--db", db, "--quiet"])
        #expect(output.status == 0, "\(output.stderr)")
        try """
        [contributors]
        roles = ["translator"]
        """.write(to: directory.appendingPathComponent("heartbeat.toml"), atomically: true, encoding: .utf8)
        return (db, directory)
    }

    @discardableResult
    func run(_ arguments: [String], db: String, expectStatus: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIRunner.Output {
        let output = try CLIRunner.run(arguments + ["--db", db])
        #expect(output.status == expectStatus, "\(arguments): \(output.stderr)", sourceLocation: sourceLocation)
        return output
    }

    /// How many submissions a `submissions list` prints (as JSON).
    func count(_ arguments: [String], db: String) throws -> Int {
        let output = try run(arguments + ["--format", "json"], db: db)
        return (try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [Any])?.count ?? -1
    }

    @Test func aPitchMovesThroughEveryStateAndInvalidMovesAreRefused() throws {
        let (db, _) = try database()
        let added = try run(
            ["submissions", "add", "Profiling with Instruments", "--author", "@alice", "--tag", "ios", "--at", "2026-03-01", "--by", "lead"], db: db)
        #expect(added.stdout == "Added #1 \"Profiling with Instruments\" by alice (pitched).\n")
        let refused = try run(["submissions", "move", "1", "published", "--at", "2026-03-02"], db: db, expectStatus: 1)
        #expect(refused.stderr.contains("submission #1 is pitched and cannot move to published. From pitched it can move to: accepted, declined, withdrawn."))
        let states = ["accepted", "drafting", "in-review", "drafting", "in-review", "scheduled", "published", "promoted"]
        for (offset, state) in states.enumerated() {
            var arguments = ["submissions", "move", "#1", state, "--at", "2026-03-\(String(format: "%02d", offset + 2))", "--comment", "step \(offset)"]
            if state == "published" { arguments += ["--url", "https://blog.example.org/instruments"] }
            try run(arguments, db: db)
        }
        try run(["submissions", "move", "1", "withdrawn"], db: db, expectStatus: 1)
        try run(["submissions", "move", "1", "finished"], db: db, expectStatus: 64)
        try run(["submissions", "assign", "1", "@bob", "--at", "2026-03-10"], db: db)
        let shown = try run(["submissions", "show", "1", "--format", "json"], db: db)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let submission = try #require(object["submission"] as? [String: Any])
        #expect(submission["state"] as? String == "promoted")
        #expect(submission["url"] as? String == "https://blog.example.org/instruments")
        let history = try #require(object["history"] as? [[String: Any]])
        #expect(history.count == 1 + states.count + 1)
        #expect(history.compactMap { $0["to"] as? String } == ["pitched"] + states)
        #expect(history.first?["actor"] as? String == "lead")
        #expect(try count(["submissions", "list", "--state", "promoted"], db: db) == 1)
        #expect(try count(["submissions", "list", "--open"], db: db) == 0)
    }

    @Test func reportShowsOverdueRolesGuidelinesAndTheDuplicateWarning() throws {
        let (db, _) = try database()
        try run(["submissions", "add", "Running Core ML models on the iPhone", "--author", "@alice", "--summary", "Convert a PyTorch model and run it on device with Core ML", "--tag", "ios", "--at", "2026-03-01"], db: db)
        let second = try run(
            ["submissions", "add", "On-device inference on iOS with Core ML", "--author", "@bob", "--summary", "Take a trained PyTorch network, convert it with coremltools and run inference on an iPhone", "--tag", "ios", "--at", "2026-03-02"], db: db)
        #expect(second.stderr.contains("warning: #2 resembles #1 \"Running Core ML models on the iPhone\""))
        let quiet = try run(["submissions", "add", "Unrelated talk about meetups", "--author", "@carol", "--kind", "talk", "--at", "2026-03-03", "--quiet"], db: db)
        #expect(quiet.stderr.isEmpty)
        try run(["roles", "grant", "@bob", "editor", "--from", "2026-01-01"], db: db)
        try run(["roles", "grant", "carol", "Translator", "--from", "2026-03-01"], db: db)
        let unknownRole = try run(["roles", "grant", "carol", "wizard"], db: db, expectStatus: 1)
        #expect(unknownRole.stderr.contains("unknown role 'wizard'"))
        try run(["guidelines", "publish", "1.0", "--on", "2026-02-01"], db: db)
        try run(["guidelines", "accept", "@bob", "--at", "2026-03-02"], db: db)

        let report = try run(["report", "contributors", "--since", "2026-03-01", "--until", "2026-04-01", "--format", "json"], db: db)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let overdue = try #require(object["overdue"] as? [[String: Any]])
        // All three pitches are unanswered at 04-01: 31, 30 and 29 days against the 7-day level.
        #expect(overdue.compactMap { $0["overdue_days"] as? Double } == [24, 23, 22])
        let roles = try #require(object["roles"] as? [[String: Any]])
        #expect(roles.first { $0["role"] as? String == "translator" }?["holders"] as? Int == 1)
        #expect(roles.first { $0["role"] as? String == "editor" }?["holders"] as? Int == 1)
        let guidelines = try #require(object["guidelines"] as? [String: Any])
        #expect(guidelines["current"] as? String == "1.0")
        let pending = try #require(guidelines["not_accepted"] as? [[String: Any]])
        #expect(pending.compactMap { $0["handle"] as? String }.sorted() == ["alice", "carol"])

        let overlaps = try run(["overlaps", "--format", "json"], db: db)
        let pairs = try #require((try JSONSerialization.jsonObject(with: Data(overlaps.stdout.utf8)) as? [String: Any])?["pairs"] as? [[String: Any]])
        #expect(pairs.count == 1)
        #expect((pairs.first?["first"] as? [String: Any])?["reference"] as? String == "#1")
        #expect((pairs.first?["second"] as? [String: Any])?["state"] as? String == "pitched")

        let markdown = try run(["report", "contributors", "--since", "2026-03-01", "--until", "2026-04-01", "--format", "markdown"], db: db)
        #expect(markdown.stdout.contains("## Overdue"))
        let html = try run(["report", "contributors", "--since", "2026-03-01", "--until", "2026-04-01", "--format", "html"], db: db)
        #expect(html.stdout.contains("<svg") && html.stdout.contains("Submissions by state"))
    }

    @Test func spreadsheetImportIsAllOrNothingAndIdempotent() throws {
        let (db, directory) = try database()
        let sheet = directory.appendingPathComponent("pipeline.csv")
        try """
        id,title,author,state,created,updated,tags
        1,Compose testing,@bob,in review,2026-02-01,2026-02-20,android
        2,Scaling meetups,Newcomer Nora,pitched,2026-02-03,,community
        """.write(to: sheet, atomically: true, encoding: .utf8)
        let refused = try run(["submissions", "import", sheet.path], db: db, expectStatus: 64)
        #expect(refused.stderr.contains("line 3: no member matches 'Newcomer Nora'"))
        #expect(try count(["submissions", "list"], db: db) == 0)
        let first = try run(["submissions", "import", sheet.path, "--create-members"], db: db)
        #expect(first.stdout.hasSuffix("2 added, 0 updated, 0 unchanged; 1 new program-only member.\n"))
        let again = try run(["submissions", "import", sheet.path, "--create-members"], db: db)
        #expect(again.stdout.hasSuffix("0 added, 0 updated, 2 unchanged.\n"))
        #expect(try count(["submissions", "list", "--state", "in-review", "--tag", "android"], db: db) == 1)
        #expect(try count(["submissions", "list", "--author", "Newcomer Nora"], db: db) == 1)
    }
}
