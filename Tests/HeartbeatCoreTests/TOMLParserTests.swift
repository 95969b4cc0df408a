import HeartbeatCore
import Testing

@Suite struct TOMLParserTests {
    @Test func readsEveryValueKindAndTableForm() throws {
        let table = try TOMLParser.parse(
            #"""
            # comment
            title = "Heartbeat \"tiny\" \u00e9"   # trailing comment
            literal = 'C:\path'
            count = 1_000
            hex = 0x1F
            ratio = 0.25
            big = 1e3
            enabled = true
            list = [
              "a",  # inside
              'b',
            ]
            nested = [[1, 2], ["x"]]
            point = { x = 1, y.z = 2 }
            multi = """
            first
            second\
               joined"""
            [bots]
            accounts = ["zapier"]
            [deep.inner]
            key = "v"
            [[segment]]
            name = "mobile"
            [[segment]]
            name = "web"
            "quoted key" = 3
            """#)
        #expect(table["title"] == .string("Heartbeat \"tiny\" é"))
        #expect(table["literal"] == .string(#"C:\path"#))
        #expect(table["count"] == .integer(1000))
        #expect(table["hex"] == .integer(31))
        #expect(table["ratio"] == .float(0.25))
        #expect(table["big"] == .float(1000))
        #expect(table["enabled"] == .bool(true))
        #expect(table["list"] == .array([.string("a"), .string("b")]))
        #expect(table["nested"] == .array([.array([.integer(1), .integer(2)]), .array([.string("x")])]))
        guard case .table(let point)? = table["point"], case .table(let y)? = point["y"] else {
            Issue.record("point is not a table")
            return
        }
        #expect(point["x"] == .integer(1))
        #expect(y["z"] == .integer(2))
        #expect(table["multi"] == .string("first\nsecondjoined"))
        guard case .table(let bots)? = table["bots"], case .table(let deep)? = table["deep"],
            case .table(let inner)? = deep["inner"], case .array(let segments)? = table["segment"]
        else {
            Issue.record("tables missing")
            return
        }
        #expect(bots["accounts"] == .array([.string("zapier")]))
        #expect(inner["key"] == .string("v"))
        #expect(segments.count == 2)
        guard case .table(let web) = segments[1] else { return }
        #expect(web["name"] == .string("web"))
        #expect(web["quoted key"] == .integer(3))
        #expect(table.lines["bots"] == 19)
    }

    @Test(arguments: [
        ("a = 1\na = 2", 2, "key 'a' is defined twice"),
        ("a = \"open", 1, "unterminated string"),
        ("[t]\nx = 1\n[t]", 3, "table [t] is defined twice"),
        ("a = [1, 2", 1, "expected ',' or ']' in an array, found the end of the file"),
        ("a = yes", 1, "'yes' is not a value"),
        ("when = 2026-01-01", 1, "looks like a date"),
        ("a = 1 b = 2", 1, "expected the end of the line"),
    ])
    func syntaxErrorsSayWhereAndWhat(text: String, line: Int, message: String) {
        #expect {
            _ = try TOMLParser.parse(text)
        } throws: { error in
            guard let error = error as? TOMLParser.SyntaxError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }
}
