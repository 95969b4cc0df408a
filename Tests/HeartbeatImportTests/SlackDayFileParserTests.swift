import Foundation
import HeartbeatCore
@testable import HeartbeatImport
import HeartbeatTestSupport
import Testing

@Suite struct SlackDayFileParserTests {
    let parser = SlackDayFileParser(botUserIDs: ["UB", "USLACKBOT"], userIDByBotID: ["B1": "UB"])

    func parse(_ path: String) throws -> SlackDayFileParser.Result {
        let url = Fixtures.tinyExport.appendingPathComponent(path)
        return try parser.parse(Data(contentsOf: url), path: path)
    }

    @Test func classifiesEveryMessageShape() throws {
        let result = try parse("general/2026-03-02.json")
        #expect(result.activities.map(\.kind) == [.join, .message, .reply, .botMessage, .reply, .reply, .message, .message])
        let root = result.activities[1]
        #expect(root.threadRoot == nil)
        #expect(root.isQuestion)
        let broadcast = result.activities[5]
        #expect(broadcast.subtype == "thread_broadcast")
        #expect(broadcast.threadRoot == root.time)
        #expect(broadcast.parentAuthorID == "U1")
        // The bot's reply is attributed to its bot user through profile.bot_id.
        #expect(result.activities[3].authorID == "UB")
        #expect(result.activities[6].reactions == [Reaction(name: "+1", userIDs: ["U1", "U3", "U2"], count: 3)])
        #expect(result.activities[7].editedAt == Timestamp(microseconds: 1_772_449_260_000_000))
        #expect(result.activities[0].mentions.isEmpty)  // a join's "<@U5> has joined" is no mention
        #expect(result.unknownSubtypes.isEmpty)
    }

    @Test func keepsUnknownSubtypesAndTombstones() throws {
        let result = try parse("help/2026-03-03.json")
        #expect(result.activities.map(\.kind) == [.message, .reply, .botMessage, .other, .message, .tombstone, .reply])
        #expect(result.unknownSubtypes == ["huddle_magic": 1])
        #expect(result.activities[3].subtype == "huddle_magic")
        #expect(result.activities[4].mentions == ["U1"])
        #expect(result.activities[2].authorID == "UB")
    }

    @Test func extractsMentions() {
        #expect(SlackDayFileParser.mentions(in: "hi <@U1> and <@U2|bob>, again <@U1>") == ["U1", "U2"])
        #expect(SlackDayFileParser.mentions(in: "<@> <@broken") == [])
        #expect(SlackDayFileParser.mentions(in: "<<@U3>> <@U4|<@U5>> é<@U6>") == ["U3", "U4", "U5", "U6"])
    }

    /// Mentions as a plain reading of the rule finds them (`<@`, letters and digits, then `>` or
    /// `|`), on texts made of the characters that matter, in every position.
    @Test func mentionsAgreeWithThePlainRule() {
        func plain(_ text: String) -> [String] {
            let bytes = Array(text.utf8)
            var found: [String] = []
            var index = 0
            while index + 1 < bytes.count {
                if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "@") {
                    var end = index + 2
                    while end < bytes.count, bytes[end] < 0x80, Character(UnicodeScalar(bytes[end])).isLetter
                        || Character(UnicodeScalar(bytes[end])).isNumber
                    {
                        end += 1
                    }
                    if end > index + 2, end < bytes.count, bytes[end] == UInt8(ascii: ">") || bytes[end] == UInt8(ascii: "|") {
                        let id = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
                        if !found.contains(id) { found.append(id) }
                        index = end
                        continue
                    }
                }
                index += 1
            }
            return found
        }
        let pieces = ["<", "@", ">", "|", "U1", "W2", "b", " ", "é", "<@", "<@U7>", "_", "-"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...8, using: &generator) { text += pieces.randomElement(using: &generator)! }
            #expect(SlackDayFileParser.mentions(in: text) == plain(text), "\(text)")
        }
    }

    @Test func namesFileLineAndColumnForMalformedJSON() throws {
        let data = Data("[\n  {\"ts\": \"1.000001\", \"user\": \"U1\"},\n  {\"ts\" \"2\"}\n]".utf8)
        let error = try #require(throws: ImportError.self) { try parser.parse(data, path: "general/2024-01-01.json") }
        #expect(error.identifier == "malformed-json")
        #expect(error.description == "general/2024-01-01.json:3:9: malformed JSON: expected ':', found '\"'")
    }

    @Test func namesElementAndFieldForAWrongType() throws {
        let data = Data("[\n  {\"ts\": \"1.000001\"},\n  {\"ts\": \"2.000001\", \"reactions\": [{\"name\": 5}]}\n]".utf8)
        let error = try #require(throws: ImportError.self) { try parser.parse(data, path: "x/2024-01-01.json") }
        #expect(error.identifier == "unexpected-value")
        #expect(error.position == "3:3 at [1].reactions[0].name")
        #expect(error.message.hasPrefix("expected a string"))
    }

    @Test func rejectsAWrongTimestamp() throws {
        let data = Data("[{\"ts\": \"yesterday\", \"user\": \"U1\"}]".utf8)
        let error = try #require(throws: ImportError.self) { try parser.parse(data, path: "x/2024-01-01.json") }
        #expect(error.position == "1:2 at [0].ts")
        #expect(error.message.contains("Slack timestamp"))
    }

    @Test func truncatedFileIsMalformed() throws {
        let data = Data("[{\"ts\": \"1.000001\", \"text\": \"cut he".utf8)
        let error = try #require(throws: ImportError.self) { try parser.parse(data, path: "x/2024-01-01.json") }
        #expect(error.description == "x/2024-01-01.json:1:36: malformed JSON: expected a closing '\"', found end of file")
    }
}
