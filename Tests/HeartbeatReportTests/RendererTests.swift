import HeartbeatReport
import Testing

@Suite struct RendererTests {
    typealias Cell = ReportDocument.Cell

    static let document = ReportDocument(
        title: "T", subtitle: "S",
        sections: [
            .init(
                title: "Facts", key: "facts", note: "A note.",
                content: .facts([
                    .init("Count", key: "count", .int(12_345)),
                    .init("Wait", key: "wait", .seconds(7500)),
                    .init("Share", key: "share", .percent(0.25)),
                ])),
            .init(
                title: "Rows", key: "rows",
                content: .table(
                    columns: [.init("Name", key: "name", alignRight: false), .init("Value", key: "value")],
                    rows: [[.text("a|b, \"c\""), .int(5)], [.text("long name"), .seconds(nil)]])),
        ])

    @Test func csvIsTidyAndQuotesPerRFC4180() {
        #expect(CSVRenderer.render(Self.document) == #"""
            section,item,metric,value\#r
            facts,,count,12345\#r
            facts,,wait,7500.000\#r
            facts,,share,0.2500\#r
            rows,"a|b, ""c""",value,5\#r
            rows,long name,value,\#r

            """#)
    }

    @Test func markdownEscapesPipes() {
        let markdown = MarkdownRenderer.render(Self.document)
        #expect(markdown.contains("| Count | 12,345 |"))
        #expect(markdown.contains("| Wait | 2h 05m |"))
        #expect(markdown.contains("| a\\|b, \"c\" | 5 |"))
        #expect(markdown.contains("|---|---:|"))
    }

    @Test func tableAlignsColumns() {
        #expect(TextTableRenderer.render(Self.document) == """
            T
            S

            Facts
            ─────
            A note.
              Count  12,345
              Wait   2h 05m
              Share  25.0%

            Rows
            ────
              Name       Value
              ---------  -----
              a|b, "c"       5
              long name      –

            """)
    }

    @Test(arguments: [(0.4, "0s"), (59, "59s"), (61, "1m 01s"), (3600, "1h 00m"), (90_061, "1d 01h")])
    func durationsReadNaturally(seconds: Double, text: String) {
        #expect(ValueFormat.duration(seconds) == text)
    }

    @Test func numbersIgnoreTheLocale() {
        #expect(ValueFormat.grouped(1_234_567) == "1,234,567")
        #expect(ValueFormat.grouped(-1000) == "-1,000")
        #expect(ValueFormat.fixed(2.0 / 3.0, places: 2) == "0.67")
    }

    @Test func jsonKeysAreSnakeCaseAndSorted() throws {
        struct Sample: Encodable {
            var activePosters = 3
            var averageDAU = 1.5
        }
        #expect(try JSONRenderer.render(Sample()) == "{\n  \"active_posters\" : 3,\n  \"average_dau\" : 1.5\n}\n")
    }
}
