import Foundation
@testable import HeartbeatImport
import HeartbeatTestSupport
import Testing

/// The byte-level reader must give exactly what `JSONDecoder` gives for `SlackMessage`.
@Suite struct SlackMessageReaderTests {
    static let dayFiles = ["general/2026-03-02.json", "general/2026-03-09.json", "help/2026-03-03.json"]

    @Test(arguments: dayFiles)
    func agreesWithJSONDecoderOnTheFixture(path: String) throws {
        let data = try Data(contentsOf: Fixtures.tinyExport.appendingPathComponent(path))
        let reference = try JSONDecoder().decode([SlackMessage].self, from: data)
        #expect(try SlackMessageReader.read(data, path: path) == reference)
    }

    @Test func decodesEscapesAndUnicode() throws {
        let json = #"""
            [{"ts": "1.000001", "text": "a\"b\\c\/d\n\u00e9\ud83d\ude00 \t end", "user": null, "x": [1, -2.5e3, true, false, null, {"y": "z"}],
              "reactions": [{"name": "+1", "users": ["U1"], "count": 1}], "edited": {"ts": "2.000000", "user": "U1"}, "\u0074s2": 1}]
            """#
        let data = Data(json.utf8)
        let messages = try SlackMessageReader.read(data, path: "x.json")
        #expect(messages == (try JSONDecoder().decode([SlackMessage].self, from: data)))
        #expect(messages.first?.text == "a\"b\\c/d\né😀 \t end")
    }

    @Test func emptyDayFileIsFine() throws {
        #expect(try SlackMessageReader.read(Data("[ ]\n".utf8), path: "x.json").isEmpty)
    }

    @Test(arguments: [
        (#"{"ts": "1"}"#, "1:1: expected an array of messages, found an object"),
        (#"[{"ts": "1", "user": 5}]"#, "1:2 at [0].user: expected a string, found a number"),
        (#"[{"user": "U1"}]"#, "1:2 at [0].ts: expected the required field `ts`, found the end of the object"),
        (#"[{"ts": "1", "reactions": [{"name": "x", "count": "3"}]}]"#, "1:2 at [0].reactions[0].count: expected a whole number, found a string"),
        (#"[{"ts": "1"}, 7]"#, "1:15 at [1]: expected a message object, found a number"),
    ])
    func wrongTypesNameTheField(json: String, expected: String) throws {
        let error = try #require(throws: ImportError.self) { try SlackMessageReader.read(Data(json.utf8), path: "f.json") }
        #expect(error.identifier == "unexpected-value")
        #expect("\(error.position): \(error.message)" == expected)
    }

    @Test(arguments: [#"[{"ts": "1"}"#, #"[{"ts": "1",}]"#, #"[{"ts": tru}]"#, #"[{"ts": "1"}] x"#, #"[{"ts": "a\qb"}]"#])
    func syntaxErrorsAreMalformedJSON(json: String) throws {
        let error = try #require(throws: ImportError.self) { try SlackMessageReader.read(Data(json.utf8), path: "f.json") }
        #expect(error.identifier == "malformed-json")
    }
}

/// On a generated export (`../shared/tools/gen_slack.py`, beside the project), every day file reads
/// the same with the byte-level reader as with `JSONDecoder`.
@Suite struct SlackMessageReaderGeneratedTests {
    @Test(.enabled(if: GeneratedExport.isAvailable))
    func agreesWithJSONDecoderOnEveryGeneratedDayFile() throws {
        let out = try GeneratedExport.make(messages: 3000, users: 200, channels: 5, days: 60)
        let archive = try openExportArchive(at: out.path)
        var files = 0
        for entry in archive.entries where entry.path.contains("/") {
            let data = try archive.read(entry)
            let reference = try JSONDecoder().decode([SlackMessage].self, from: data)
            #expect(try SlackMessageReader.read(data, path: entry.path) == reference, "\(entry.path)")
            files += 1
        }
        #expect(files > 100)
    }
}
