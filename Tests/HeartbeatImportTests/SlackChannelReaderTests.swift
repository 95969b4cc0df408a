import Foundation
import HeartbeatTestSupport
import Testing

@testable import HeartbeatImport

/// The byte-level channel list reader must give exactly what `JSONDecoder` gives for `SlackChannel`.
@Suite struct SlackChannelReaderTests {
    @Test func agreesWithJSONDecoderOnTheFixture() throws {
        let data = try Data(contentsOf: Fixtures.tinyExport.appendingPathComponent("channels.json"))
        let reference = try JSONDecoder().decode([SlackChannel].self, from: data)
        #expect(reference.count == 2)
        #expect(try SlackChannelReader.read(data, path: "channels.json") == reference)
    }

    /// Every field, escapes, nulls, unknown keys of every type, and a DM list's entries without names.
    @Test func agreesWithJSONDecoderOnEveryShape() throws {
        let json = #"""
            [{"id": "C1", "name": "g\u00e9n\"eral", "created": 1772000000, "is_archived": false, "is_general": true,
              "members": ["U1", "U2"], "topic": {"value": "Say hi", "creator": "U1", "last_set": 0},
              "purpose": {"value": null}, "pins": [{"id": 1, "x": [true, null, -1.5e2]}]},
             {"id": "C2", "name": null, "created": null, "is_archived": null, "topic": null, "purpose": {}},
             {"id": "D1", "user": "U2", "created": -5},
             {"id": "C3"}]
            """#
        let data = Data(json.utf8)
        let channels = try SlackChannelReader.read(data, path: "channels.json")
        #expect(channels == (try JSONDecoder().decode([SlackChannel].self, from: data)))
        #expect(channels.count == 4)
        #expect(channels[0].name == "gén\"eral" && channels[0].topic?.value == "Say hi" && channels[0].purpose?.value == nil)
        #expect(channels[1].purpose == SlackChannel.Text(value: nil) && channels[1].topic == nil)
        #expect(channels[2].name == nil && channels[2].created == -5)
    }

    @Test(arguments: [
        (#"{"id": "C1"}"#, "1:1: expected an array of conversations, found an object"),
        (#"[{"id": 5}]"#, "1:2 at [0].id: expected a string, found a number"),
        (#"[{"name": "general"}]"#, "1:2 at [0].id: expected the required field `id`, found the end of the object"),
        (#"[{"id": "C1", "is_archived": "no"}]"#, "1:2 at [0].is_archived: expected true or false, found a string"),
        (#"[{"id": "C1", "topic": "hi"}]"#, "1:2 at [0].topic: expected an object, found a string"),
        (#"[{"id": "C1", "created": "2024"}]"#, "1:2 at [0].created: expected a whole number, found a string"),
    ])
    func wrongTypesNameTheField(json: String, expected: String) throws {
        let error = try #require(throws: ImportError.self) {
            try SlackChannelReader.read(Data(json.utf8), path: "channels.json")
        }
        #expect(error.identifier == "unexpected-value")
        #expect("\(error.position): \(error.message)" == expected)
    }

    @Test(arguments: [#"[{"id": "C1"}"#, #"[{"id": "C1",}]"#, #"[{"id": "C1", "is_archived": tru}]"#])
    func syntaxErrorsAreMalformedJSON(json: String) throws {
        let error = try #require(throws: ImportError.self) {
            try SlackChannelReader.read(Data(json.utf8), path: "channels.json")
        }
        #expect(error.identifier == "malformed-json")
    }
}

/// On a generated export's `channels.json` (`../shared/tools/gen_slack.py`), the byte-level reader
/// gives what `JSONDecoder` gives.
@Suite struct SlackChannelReaderGeneratedTests {
    @Test(.enabled(if: GeneratedExport.isAvailable))
    func agreesWithJSONDecoderOnAGeneratedChannelList() throws {
        let out = try GeneratedExport.make(messages: 3000, users: 4000, channels: 5, days: 30)
        let data = try Data(contentsOf: out.appendingPathComponent("channels.json"))
        let reference = try JSONDecoder().decode([SlackChannel].self, from: data)
        #expect(reference.count >= 5)
        #expect(try SlackChannelReader.read(data, path: "channels.json") == reference)
    }
}
