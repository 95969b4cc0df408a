import Foundation
import HeartbeatCore
import HeartbeatImport
import HeartbeatTestSupport
import Testing

@Suite struct SubmissionSheetTests {
    @Test func csvReaderHandlesQuotesLineBreaksCRLFAndABOM() throws {
        let text = "\u{FEFF}title,summary\r\n\"A, B\",\"line one\nline \"\"two\"\"\"\r\n\r\nplain,\n"
        let records = try CSVReader(bytes: Array(text.utf8)).records()
        #expect(records.map(\.fields) == [["title", "summary"], ["A, B", "line one\nline \"two\""], ["plain", ""]])
        #expect(records.map(\.line) == [1, 2, 5])
    }

    @Test func anUnclosedQuoteNamesItsLine() {
        #expect(throws: CSVReader.Problem(line: 3, message: "a quoted field is never closed (a \" is missing)")) {
            _ = try CSVReader(bytes: Array("a,b\n1,2\n\"open,3\n4,5\n".utf8)).records()
        }
    }

    func write(_ text: String) throws -> String {
        let url = try TemporaryDirectory.make().appendingPathComponent("pipeline.csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func columnsAreFoundByTheirUsualNames() throws {
        let path = try write(
            """
            ID,Title,Description,Labels,Type,Status,Submitted By,Reviewer,Pitched On,Last Change,Link,Ignored
            T-1,Compose testing,"Semantics, test tags",android; testing,Tutorial,In Review,@alice,bob,2026-02-01,2026-02-10 09:30,,x
            T-2,Scaling a meetup,,community,talk,,carol,,2026-02-03,,,
            """)
        let sheet = try SubmissionSheet.read(file: path, now: Timestamp(iso: "2026-03-01")!)
        #expect(sheet.rows.count == 2)
        let first = sheet.rows[0]
        #expect(first.key == "T-1" && first.title == "Compose testing" && first.summary == "Semantics, test tags")
        #expect(first.tags == ["android", "testing"] && first.kind == .tutorial && first.state == .inReview)
        #expect(first.author == "@alice" && first.editor == "bob")
        #expect(first.created == Timestamp(iso: "2026-02-01") && first.stateSince == Timestamp(iso: "2026-02-10T09:30:00Z"))
        #expect(sheet.rows[1].state == .pitched && sheet.rows[1].kind == .talk && sheet.rows[1].editor == nil && sheet.rows[1].line == 3)
    }

    @Test func everyBadRowIsReportedWithItsLineAndNothingIsReturned() throws {
        let path = try write(
            """
            title,author,state,created
            Good,alice,pitched,2026-02-01
            ,alice,pitched,2026-02-01
            Bad state,bob,done,2026-02-01
            Bad date,bob,pitched,2026-02-31
            Good,alice,accepted,2026-02-02
            """)
        do {
            _ = try SubmissionSheet.read(file: path)
            Issue.record("expected an error")
        } catch let error as ImportError {
            let text = error.description
            #expect(text.hasPrefix(path + ": 4 rows cannot be imported; nothing was stored"))
            #expect(text.contains("line 3: empty title"))
            #expect(text.contains("line 4: unknown state 'done'"))
            #expect(text.contains("line 5: created '2026-02-31' is not a date"))
            #expect(text.contains("line 6: same title and author as line 2"))
        }
    }

    @Test func aMissingRequiredColumnIsNamed() throws {
        let path = try write("name,owner\nx,y\n")
        #expect {
            _ = try SubmissionSheet.read(file: path)
        } throws: { error in
            "\(error)".contains("has no author column")
        }
    }

    @Test(arguments: [
        ("2026-03-01", "2026-03-01T00:00:00Z"), ("2026-03-01 14:05", "2026-03-01T14:05:00Z"),
        ("2026-03-01T14:05:09Z", "2026-03-01T14:05:09Z"), ("2026-03-01T14:05:09.250Z", "2026-03-01T14:05:09Z"),
        ("2026-03-01T14:05:09+02:00", "2026-03-01T12:05:09Z"), ("2026-03-01T01:00-0130", "2026-03-01T02:30:00Z"),
    ])
    func moments(text: String, expected: String) {
        #expect(Timestamp(iso: text)?.isoDateTime == expected)
    }

    @Test(arguments: ["2026-02-30", "2026-03-01T25:00", "2026-03-01X10:00", "2026-03-01T10:00+", "yesterday", ""])
    func badMoments(text: String) {
        #expect(Timestamp(iso: text) == nil)
    }
}
