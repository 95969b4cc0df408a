import Foundation
import HeartbeatTestSupport
import Testing

/// The community-intelligence reports as a user runs them: settings from heartbeat.toml beside the
/// database or from --config, every format, --segment, and clear errors.
@Suite struct IntelligenceCLITests {
    static let settings = """
        focus = ["quantize", "tflite"]
        team = ["alice"]

        [[segment]]
        name = "mobile"
        titles = ["ios", "android"]
        """

    /// The tiny fixture ingested into a database with `heartbeat.toml` beside it.
    func database(settings: String? = Self.settings) throws -> String {
        let directory = try TemporaryDirectory.make()
        let db = directory.appendingPathComponent("heartbeat.sqlite").path
        let output = try CLIRunner.run(["ingest", Fixtures.tinyExport.path, "--db", db, "--quiet"])
        #expect(output.status == 0, "\(output.stderr)")
        if let settings {
            try settings.write(to: directory.appendingPathComponent("heartbeat.toml"), atomically: true, encoding: .utf8)
        }
        return db
    }

    static let march = ["--since", "2026-03-01", "--until", "2026-03-16"]

    @Test(arguments: ["influence", "organic", "retention", "topics", "segments", "activity", "responsiveness"])
    func everyReportInEveryFormat(report: String) throws {
        let db = try database()
        for format in ["table", "markdown", "csv", "json"] {
            let output = try CLIRunner.run(["report", report, "--db", db, "--format", format] + Self.march)
            #expect(output.status == 0, "\(report) \(format): \(output.stderr)")
            #expect(!output.stdout.isEmpty)
            if format == "json" {
                let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
                #expect((object?["scope"] as? [String: Any])?["since"] as? String == "2026-03-01")
            }
        }
    }

    @Test func settingsBesideTheDatabaseAreRead() throws {
        let db = try database()
        let influence = try CLIRunner.run(["report", "influence", "--db", db, "--format", "csv"] + Self.march)
        #expect(influence.stdout.contains("focus_terms,quantize,posts,1"))
        #expect(influence.stdout.contains("focus_terms,tflite,posts,1"))
        let responsiveness = try CLIRunner.run(["report", "responsiveness", "--db", db, "--format", "json"] + Self.march)
        #expect(responsiveness.stdout.contains("\"team_source\" : \"settings\""))
        let segments = try CLIRunner.run(["report", "segments", "--db", db, "--format", "csv"] + Self.march)
        #expect(segments.stdout.contains("segments,members,mobile,2"))
        let segmented = try CLIRunner.run(["report", "--db", db, "--segment", "mobile", "--format", "json"] + Self.march)
        #expect(segmented.stdout.contains("\"active_posters\" : 2"))
        #expect(segmented.stdout.contains("\"segment\" : \"mobile\""))
    }

    @Test func focusFlagReplacesTheSettings() throws {
        let db = try database(settings: nil)
        let output = try CLIRunner.run(
            ["report", "influence", "--db", db, "--focus", "GPU", "--format", "csv"] + Self.march)
        #expect(output.status == 0)
        #expect(output.stdout.contains("focus_terms,gpu,posts,1"))
    }

    @Test func settingsMistakesNameFileAndLine() throws {
        let db = try database(settings: "focus = [\"ok\"]\n[organic]\nactive_dayz = 30\n")
        let output = try CLIRunner.run(["report", "organic", "--db", db])
        #expect(output.status != 0)
        let file = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("heartbeat.toml").path
        #expect(output.stderr.contains("\(file):3: unknown setting 'organic.active_dayz'; known here: organic.active_days"))
        let missing = try CLIRunner.run(["report", "organic", "--db", db, "--config", "/nonexistent/heartbeat.toml"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("--config /nonexistent/heartbeat.toml: no such file."))
        let unknownSegment = try CLIRunner.run(["report", "topics", "--db", try database(), "--segment", "web"])
        #expect(unknownSegment.status != 0)
        #expect(unknownSegment.stderr.contains("unknown segment 'web'; declared in heartbeat.toml: mobile"))
    }

    @Test func helpExplainsTheScores() throws {
        let output = try CLIRunner.run(["report", "influence", "--help"])
        #expect(output.stdout.contains("weighted PageRank (damping 0.85"))
        let organic = try CLIRunner.run(["report", "organic", "--help"])
        #expect(organic.stdout.contains("organic score"))
    }
}
