import Foundation
import HeartbeatCore
import HeartbeatReport
import Testing

@Suite struct ChartTests {
    @Test func niceScaleRoundsUpToOneTwoOrFive() {
        let scale = NiceScale(maximum: 283)
        #expect(scale.step == 100)
        #expect(scale.upper == 300)
        #expect(scale.ticks == [0, 100, 200, 300])
        #expect(NiceScale(maximum: 7).ticks == [0, 2, 4, 6, 8])
        #expect(NiceScale(maximum: 0).upper == 1)
        #expect(NiceScale(maximum: 0.37, integral: false).step == 0.1)
        #expect(NiceScale.label(1_500) == "1,500")
        #expect(NiceScale.label(25_000) == "25k")
        #expect(NiceScale.label(2_000_000) == "2M")
        #expect(NiceScale.label(0.25) == "0.25")
    }

    @Test func dateTicksFollowTheSpan() {
        let day = { (iso: String) in CivilDate(iso: iso)!.dayNumber }
        // Two months: Mondays.
        let weekly = DateTicks.ticks(first: day("2024-03-01"), last: day("2024-04-15"))
        #expect(weekly.first == DateTicks.Tick(day: day("2024-03-04"), label: "Mar 4"))
        #expect(weekly.allSatisfy { CivilDate(dayNumber: $0.day).weekday == 0 })
        // A year: the first of each month, the year where it turns.
        let monthly = DateTicks.ticks(first: day("2024-11-10"), last: day("2025-03-10"))
        #expect(monthly.map(\.label) == ["Dec 2024", "Jan 2025", "Feb", "Mar"])
        // Years.
        #expect(DateTicks.ticks(first: day("2020-06-01"), last: day("2025-06-01")).map(\.label) == ["2021", "2022", "2023", "2024", "2025"])
    }

    @Test func lineChartPlacesAKnownPointExactly() {
        let first = CivilDate(iso: "2024-01-01")!.dayNumber
        let chart = LineChart(
            title: "Members", key: "m", days: [first, first + 10],
            series: [.init(name: "Members", values: [0, 283]), .init(name: "Posters", values: [40, 10], axis: .right)],
            leftTitle: "members", rightTitle: "posters")
        let layout = chart.layout
        // Plot: x 60…700 (760 wide, 60 margins), y 36…266 (300 high, 36 top, 34 bottom).
        #expect(layout.plot == ChartRect(x: 60, y: 36, width: 640, height: 230))
        #expect(layout.left.upper == 300)
        #expect(layout.right?.upper == 40)
        #expect(layout.x(day: first) == 60)
        #expect(layout.x(day: first + 5) == 380)
        #expect(layout.y(0) == 266)
        #expect(layout.y(150) == 151)  // half of 300 → half of 230 above the floor
        #expect(layout.y(20, axis: .right) == 151)  // the right axis has its own scale
        let svg = chart.svg
        #expect(svg.contains("<title id=\"chart-m-title\">Members</title>"))
        #expect(svg.contains("points=\"60,266 700,\(SVGText.y(283, upper: 300))\""))
        #expect(svg.contains("Members (left)"))
        #expect(svg.contains("Posters (right)"))
        #expect(svg.contains(">2024-01-11: Members 283</title>"))
    }

    @Test func barLengthsAreProportional() {
        let chart = BarChart(
            title: "Top", key: "t", bars: [.init(label: "Ada <admin>", value: 40), .init(label: "Bo", value: 20)], valueTitle: "posts")
        let layout = chart.layout
        #expect(layout.scale.upper == 40)
        #expect(layout.length(40) == layout.plot.width)
        #expect(layout.length(20) == layout.plot.width / 2)
        #expect(chart.svg.contains("Ada &lt;admin&gt;"))
        #expect(!chart.svg.contains("<admin>"))
        #expect(Chart.bars(chart).numbers.rows == [["Ada <admin>", "40"], ["Bo", "20"]])
    }

    @Test func heatmapShadesFromPaleToDeepAndMarksMissingCells() {
        let chart = HeatmapChart(
            title: "H", key: "h", rowLabels: ["Mon"], columnLabels: ["00", "01", "02"], values: [[0, 5, nil]])
        #expect(chart.fill(0) == "#eff6ff")
        #expect(chart.fill(5) == "#1e40af")
        #expect(chart.origin(row: 0, column: 2).x == 90 + 52)
        #expect(chart.origin(row: 0, column: 2).y == 22)
        #expect(chart.svg.contains("Mon, 02: no data"))
        #expect(chart.summary.contains("Highest: Mon 01 with 5"))
    }

    @Test func htmlPageIsSelfContainedAndEscaped() {
        let document = ReportDocument(
            title: "Report <b>", subtitle: "2024",
            sections: [.init(title: "Facts", key: "f", content: .facts([.init("Members", key: "total", .int(1_234))]))],
            charts: [.bars(BarChart(title: "Bars", key: "b", bars: [.init(label: "x", value: 1)], valueTitle: "n"))])
        let html = HTMLRenderer.render(document)
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains("<title>Report &lt;b&gt;</title>"))
        #expect(html.contains("data-key=\"f.total\" data-raw=\"1234\""))
        #expect(html.contains("<figure class=\"chart-figure\" id=\"figure-b\">"))
        // Nothing fetched from elsewhere: no scripts, no external stylesheets or images.
        #expect(!html.contains("<script"))
        let withoutNamespaces = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!withoutNamespaces.contains("http:"))
        #expect(!withoutNamespaces.contains("https:"))
    }
}

/// The y the line chart test expects for a value on a 300-high scale (plot 36…266).
enum SVGText {
    static func y(_ value: Double, upper: Double) -> String { SVG.number(266 - 230 * value / upper) }
}
