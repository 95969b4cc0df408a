import Foundation
import HeartbeatTestSupport
import Testing

@testable import HeartbeatImport

/// The byte-level `users.json` reader must give exactly what `JSONDecoder` gives for `SlackUser`.
@Suite struct SlackUserReaderTests {
    @Test func agreesWithJSONDecoderOnTheFixture() throws {
        let data = try Data(contentsOf: Fixtures.tinyExport.appendingPathComponent("users.json"))
        let reference = try JSONDecoder().decode([SlackUser].self, from: data)
        #expect(!reference.isEmpty)
        #expect(try SlackUserReader.read(data, path: "users.json") == reference)
    }

    /// Every field, escapes, unknown keys of every type, and the shapes Slack writes for custom
    /// profile fields: an object (values in key order, a null value left out), `[]`, `null`, and
    /// malformed ones, which `Decodable` with `try?` reads as none.
    @Test func agreesWithJSONDecoderOnEveryShape() throws {
        let json = #"""
            [{"id": "U1", "team_id": "T1", "name": "ada", "deleted": false, "real_name": "Ada \u00e9\ud83d\ude00",
              "tz": "Europe/Paris", "is_bot": false, "is_admin": true, "is_owner": null, "color": "9f69e7",
              "x": [1, -2.5e3, true, {"y": ["z"]}],
              "profile": {"real_name": "Ada L.", "display_name": "ada\"l", "email": "ada@example.com", "title": "Engineer",
                "bot_id": null, "image_72": "https://x/y.png",
                "fields": {"Xf02": {"value": "https://github.com/ada", "alt": ""}, "Xf01": {"value": "second", "alt": "a"},
                           "Xf03": {"value": null}, "\u0058f00": {"value": "escaped key"}}}},
             {"id": "B1", "is_bot": true, "profile": {"bot_id": "BX1", "fields": []}},
             {"id": "U2", "profile": {"fields": null}},
             {"id": "U3", "profile": {"fields": {"Xf01": {"value": 5}, "Xf02": {"value": "kept?"}}}},
             {"id": "U4", "profile": {"fields": {"Xf01": "not an object"}}},
             {"id": "U5", "profile": null},
             {"id": "U6"}]
            """#
        let data = Data(json.utf8)
        let users = try SlackUserReader.read(data, path: "users.json")
        #expect(users == (try JSONDecoder().decode([SlackUser].self, from: data)))
        #expect(users.count == 7)
        #expect(users[0].profile?.fieldValues == ["escaped key", "second", "https://github.com/ada"])
        #expect(users[0].realName == "Ada é😀" && users[0].profile?.displayName == "ada\"l")
        #expect(users[1].profile?.botID == "BX1" && users[1].profile?.fieldValues == [])
        #expect(users[3].profile?.fieldValues == [] && users[4].profile?.fieldValues == [])
    }

    @Test(arguments: [
        (#"{"id": "U1"}"#, "1:1: expected an array of users, found an object"),
        (#"[{"id": 5}]"#, "1:2 at [0].id: expected a string, found a number"),
        (#"[{"name": "ada"}]"#, "1:2 at [0].id: expected the required field `id`, found the end of the object"),
        (#"[{"id": "U1", "is_bot": "yes"}]"#, "1:2 at [0].is_bot: expected true or false, found a string"),
        (#"[{"id": "U1", "profile": {"email": 3}}]"#, "1:2 at [0].profile.email: expected a string, found a number"),
        (#"[{"id": "U1"}, "U2"]"#, "1:16 at [1]: expected a user object, found a string"),
    ])
    func wrongTypesNameTheField(json: String, expected: String) throws {
        let error = try #require(throws: ImportError.self) { try SlackUserReader.read(Data(json.utf8), path: "users.json") }
        #expect(error.identifier == "unexpected-value")
        #expect("\(error.position): \(error.message)" == expected)
    }

    @Test(arguments: [#"[{"id": "U1"}"#, #"[{"id": "U1",}]"#, #"[{"id": "U1", "deleted": fals}]"#])
    func syntaxErrorsAreMalformedJSON(json: String) throws {
        let error = try #require(throws: ImportError.self) { try SlackUserReader.read(Data(json.utf8), path: "users.json") }
        #expect(error.identifier == "malformed-json")
    }
}

/// On a generated export's `users.json` (`../shared/tools/gen_slack.py`), the byte-level reader
/// gives what `JSONDecoder` gives.
@Suite struct SlackUserReaderGeneratedTests {
    @Test(.enabled(if: GeneratedExport.isAvailable))
    func agreesWithJSONDecoderOnAGeneratedUsersFile() throws {
        let out = try GeneratedExport.make(messages: 3000, users: 4000, channels: 5, days: 30)
        let data = try Data(contentsOf: out.appendingPathComponent("users.json"))
        let reference = try JSONDecoder().decode([SlackUser].self, from: data)
        #expect(reference.count >= 4000)
        #expect(try SlackUserReader.read(data, path: "users.json") == reference)
    }
}
