import Foundation
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatReport
import HeartbeatTestSupport
import Testing

/// Opens the HTML report in a real headless Chromium: the browser must build every chart from the
/// page alone (no network), and a screenshot is left in `.build/test-output/` for a human.
@Suite(.enabled(if: HeadlessBrowser.shouldRun, "needs chromium (scripts/setup installs it)"))
struct HTMLReportBrowserTests {
    static func engagementReport() -> EngagementReport {
        var builder = SnapshotBuilder()
        builder.channel("general")
        let people = (0..<12).map { builder.member("person\($0)", joined: "2024-03-01") }
        for day in 0..<40 {
            let date = CivilDate(dayNumber: CivilDate(iso: "2024-03-01")!.dayNumber + Int64(day)).description
            for (index, person) in people.enumerated() where (day + index) % 3 == 0 {
                let root = builder.post(person, at: SnapshotBuilder.time(date, 9 + index % 8), "How do I fix \(day)?")
                if index % 2 == 0 {
                    builder.post(people[(index + 1) % people.count], at: SnapshotBuilder.time(date, 10 + index % 8), "Like this", replyTo: root)
                }
            }
        }
        let period = Period(from: CivilDate(iso: "2024-03-01")!, until: CivilDate(iso: "2024-04-10")!)
        return Engagement.report(snapshot: builder.build(), period: period, request: ReportRequest(wholeHistory: true))
    }

    @Test func chromiumRendersEveryChartOffline() throws {
        let report = Self.engagementReport()
        let page = HeadlessBrowser.outputFolder.appendingPathComponent("engagement-report.html")
        try Data(HTMLRenderer.render(report.document).utf8).write(to: page)

        let dom = try HeadlessBrowser.dom(of: page)
        for key in ["growth-engagement", "daily-active", "first-response", "top-posters"] {
            #expect(dom.contains("id=\"figure-\(key)\""), "figure \(key) missing from the DOM Chromium built")
        }
        #expect(dom.contains("<polyline"))
        #expect(dom.contains("data-key=\"activity.active_posters\" data-raw=\"\(report.activity.activePosters)\""))

        let png = HeadlessBrowser.outputFolder.appendingPathComponent("engagement-report.png")
        try? FileManager.default.removeItem(at: png)
        try HeadlessBrowser.screenshot(of: page, to: png)
        let bytes = try Data(contentsOf: png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        // Width and height from the IHDR chunk: the window size asked for.
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1200)
        #expect(bytes.count > 20_000, "a blank page compresses to a few kB; charts and tables do not")
    }
}
