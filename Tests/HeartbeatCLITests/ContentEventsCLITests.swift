import Foundation
import HeartbeatTestSupport
import Testing

/// Readership and events as a user drives them: import a day of logs, a catalog, an attendance
/// export and a survey, then read `report content` and `report events`.
@Suite struct ContentEventsCLITests {
    @discardableResult
    func run(_ arguments: [String], db: String, expectStatus: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIRunner.Output {
        let output = try CLIRunner.run(arguments + ["--db", db])
        #expect(output.status == expectStatus, "\(arguments): \(output.stderr)", sourceLocation: sourceLocation)
        return output
    }

    func json(_ output: CLIRunner.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    @Test func logsCatalogAttendanceAndSurveyGiveTheReports() throws {
        let directory = try TemporaryDirectory.make()
        let db = directory.appendingPathComponent("heartbeat.sqlite").path
        try run(["ingest", Fixtures.tinyExport.path, "--quiet"], db: db)
        try "focus = [\"swift\"]\n[content]\nsite_hosts = [\"blog.example.com\"]\n"
            .write(to: directory.appendingPathComponent("heartbeat.toml"), atomically: true, encoding: .utf8)
        let log = Fixtures.url("content/access.log").path
        let logs = try run(["content", "logs", log, "--quiet"], db: db)
        #expect(
            logs.stdout
                == "1 file, 20 lines: 9 page views (9 new, 0 already stored); left out: 3 from crawlers and bots, 3 assets, 3 other requests (not GET, errors, redirects); 2 malformed.\n")
        #expect(logs.stderr.contains("\(log):7: no [time]") && logs.stderr.contains("\(log):19: no quoted referrer"))
        let again = try run(["content", "logs", log, "--quiet"], db: db)
        #expect(again.stdout.contains("9 page views (0 new, 9 already stored)"))
        let catalog = try run(["content", "import", Fixtures.url("content/catalog.csv").path], db: db)
        #expect(catalog.stdout.contains("3 added, 0 updated, 0 unchanged; 3 item(s) in the catalog have an author who is a member"))

        let content = try json(run(["report", "content", "--since", "2026-03-10", "--until", "2026-03-11", "--format", "json"], db: db))
        let summary = try #require(content["summary"] as? [String: Any])
        #expect(summary["page_views"] as? Int == 9)
        #expect(summary["unique_visitors"] as? Int == 4)
        #expect(summary["visits"] as? Int == 6)
        #expect(summary["bounce_rate"] as? Double == 0.5)
        #expect(summary["focus_share"] as? Double == 6.0 / 9.0)
        let html = try run(["report", "content", "--all", "--format", "html"], db: db)
        #expect(html.stdout.contains("Page views and readers per day") && html.stdout.contains("class=\"marker\""))

        try run(["events", "add", "--title", "Swift on Linux meetup", "--date", "2026-03-12", "--time", "17:00", "--tag", "swift"], db: db)
        let attendance = try run(["events", "attendance", Fixtures.url("content/attendance-zoom.csv").path, "--event", "#1"], db: db)
        #expect(attendance.stdout.contains("8 rows, 5 people: 5 added, 0 updated, 0 unchanged; 2 malformed."))
        #expect(attendance.stderr.contains("attendance-zoom.csv:8: attended 'Maybe' is not yes or no"))
        let feedback = try run(["events", "feedback", Fixtures.url("content/feedback.csv").path, "--event", "swift on linux"], db: db)
        #expect(feedback.stdout.contains("5 answers: 5 added"))
        try run(["events", "feedback", Fixtures.url("content/feedback.csv").path, "--event", "#1", "--strict"], db: db, expectStatus: 1)
        try run(["events", "attendance", Fixtures.url("content/attendance-zoom.csv").path, "--event", "nope"], db: db, expectStatus: 1)

        let events = try json(run(["report", "events", "--all", "--format", "json"], db: db))
        let eventSummary = try #require(events["summary"] as? [String: Any])
        #expect(eventSummary["registered"] as? Int == 5 && eventSummary["attended"] as? Int == 3)
        #expect(eventSummary["attendance_rate"] as? Double == 0.6)
        #expect(eventSummary["nps"] as? Double == 20)
        #expect(eventSummary["matched_members"] as? Int == 1)
        let list = try run(["events", "list", "--format", "csv"], db: db)
        #expect(list.stdout.contains("Swift on Linux meetup"))
        let shown = try json(run(["events", "show", "1", "--format", "json"], db: db))
        #expect((shown["attendees"] as? [Any])?.count == 5 && (shown["feedback"] as? [Any])?.count == 5)
        let markdown = try run(["report", "events", "--all", "--format", "markdown"], db: db)
        #expect(markdown.stdout.contains("| 1 | Swift on Linux meetup | 2026-03-12 | 5 | 3 | 60.0% |"))
    }
}
