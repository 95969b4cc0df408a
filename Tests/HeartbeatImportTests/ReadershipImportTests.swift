import Foundation
import HeartbeatCore
@testable import HeartbeatImport
import HeartbeatTestSupport
import Testing

/// The pieces of page-view and event imports on their own: one log line, paths, referrers, the
/// crawler filter, export date-times, durations and feeds.
@Suite struct ReadershipImportTests {
    func parse(_ line: String) throws -> AccessLogLine {
        let bytes = Array(line.utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(AccessLogLine.Malformed) in try AccessLogLine.parse(buffer) }
    }

    func reason(_ line: String) -> String? {
        do {
            _ = try parse(line)
            return nil
        } catch let error as AccessLogLine.Malformed {
            return error.reason
        } catch {
            return "\(error)"
        }
    }

    @Test func aCombinedLogLineGivesItsFieldsWithTheZoneApplied() throws {
        let line = try parse(
            #"192.0.2.50 - jane [10/Mar/2026:15:00:00 +0100] "GET /a?b=1 HTTP/1.1" 200 15110 "https://x.example/\"q\"" "Mozilla/5.0 \"quoted\" agent""#)
        #expect(line.address == "192.0.2.50")
        #expect(line.at == Timestamp(iso: "2026-03-10T14:00:00Z"))
        #expect(line.method == "GET" && line.target == "/a?b=1" && line.status == 200)
        #expect(line.referrer == #"https://x.example/"q""#)
        #expect(line.userAgent == #"Mozilla/5.0 "quoted" agent"#)
        let west = try parse(#"::1 - - [31/Dec/2025:23:30:00 -0500] "GET / HTTP/1.1" 304 0 "-" "curl/8""#)
        #expect(west.at == Timestamp(iso: "2026-01-01T04:30:00Z"))
    }

    @Test func malformedLinesSayWhatIsWrong() {
        #expect(reason("this line was cut") == "no [time]")
        #expect(reason(#"1.2.3.4 - - [10/Mar/2026:15:00:00 +0100] "GET / HTTP/1.1" 200 512"#) == "no quoted referrer (combined format expected)")
        #expect(reason(#"1.2.3.4 - - [10/Foo/2026:15:00:00 +0100] "GET / HTTP/1.1" 200 5 "-" "x""#) == "the time is not like 10/Mar/2026:13:55:36 +0100")
        #expect(reason(#"1.2.3.4 - - [10/Mar/2026:15:00:00 +0100] "GET / HTTP/1.1" 2x0 5 "-" "x""#) == "the status is not a number from 100 to 599")
        #expect(reason(#"1.2.3.4 - - [10/Mar/2026:15:00:00 +0100] "GET / HTTP/1.1" 200 5 "-" "unclosed"#) == "the user agent (combined format expected) is not closed by a quote")
    }

    @Test func pathsAndReferrersAreNormalised() {
        #expect(ContentPath.normalize("https://blog.example.com/tutorials/swift/?utm=x#top") == "/tutorials/swift")
        #expect(ContentPath.normalize("/docs//index.html") == "/docs")
        #expect(ContentPath.normalize("/") == "/")
        #expect(ContentPath.normalize("https://blog.example.com") == "/")
        #expect(ContentPath.normalize("tutorials/swift") == nil)
        #expect(ContentPath.referrer("https://www.Google.com/")?.text == "google.com")
        #expect(ContentPath.referrer("https://news.ycombinator.com/item?id=1")?.text == "news.ycombinator.com/item")
        #expect(ContentPath.referrer("-") == nil)
        var settings = HeartbeatConfig.ContentSettings()
        settings.siteHosts = ["blog.example.com"]
        let filter = ReadingFilter(settings: settings)
        #expect(filter.referrer("https://blog.example.com/tutorials/a") == nil, "a move within the site")
        #expect(filter.referrer("https://twitter.com/x") == "twitter.com/x")
    }

    @Test func crawlersAssetsAndNonPageRequestsAreLeftOut() {
        var settings = HeartbeatConfig.ContentSettings()
        settings.botAgents = ["InternalMonitor"]
        settings.assetExtensions = [".pdf"]
        let filter = ReadingFilter(settings: settings)
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0"
        #expect(filter.classify(method: "GET", status: 200, path: "/a", userAgent: firefox) == .page)
        #expect(filter.classify(method: "GET", status: 304, path: "/a", userAgent: firefox) == .page)
        #expect(filter.classify(method: "HEAD", status: 200, path: "/a", userAgent: firefox) == .notAPageRequest)
        #expect(filter.classify(method: "GET", status: 404, path: "/a", userAgent: firefox) == .notAPageRequest)
        #expect(filter.classify(method: "GET", status: 200, path: "/a/site.min.CSS", userAgent: firefox) == .asset)
        #expect(filter.classify(method: "GET", status: 200, path: "/guide.pdf", userAgent: firefox) == .asset, "configured")
        for agent in [
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.5.0", "python-requests/2.31",
            "facebookexternalhit/1.1", "Mozilla/5.0 (compatible; internalmonitor 1.0)", "", "-",
        ] {
            #expect(filter.classify(method: "GET", status: 200, path: "/a", userAgent: agent) == .bot, "\(agent)")
        }
    }

    @Test func exportDateTimesDurationsAndAnswers() {
        #expect(SheetTime.parse("03/12/2026 05:02:11 PM") == Timestamp(iso: "2026-03-12T17:02:11Z"))
        #expect(SheetTime.parse("3/12/2026 12:05 AM") == Timestamp(iso: "2026-03-12T00:05:00Z"))
        #expect(SheetTime.parse("Mar 12, 2026 5:02 PM") == Timestamp(iso: "2026-03-12T17:02:00Z"))
        #expect(SheetTime.parse("2026-03-12T17:02:00+01:00") == Timestamp(iso: "2026-03-12T16:02:00Z"))
        #expect(SheetTime.parse("1773334931") == Timestamp(seconds: 1_773_334_931))
        #expect(SheetTime.parse("13/12/2026 10:00") == nil, "no 13th month")
        #expect(SheetTime.parse("yesterday") == nil)
        #expect(AttendanceImporter.minutes("45", header: "Duration (Minutes)") == 45)
        #expect(AttendanceImporter.minutes("2700", header: "Duration (seconds)") == 45)
        #expect(AttendanceImporter.minutes("1:05:30", header: "") == 65.5)
        #expect(AttendanceImporter.minutes("1 hr 5 min", header: "") == 65)
        #expect(AttendanceImporter.minutes("soon", header: "") == nil)
        #expect(AttendanceImporter.yesNo("Checked In") == true && AttendanceImporter.yesNo("No Show") == false)
        #expect(AttendanceImporter.yesNo("maybe") == nil)
    }

    @Test func rssAndAtomFeedsBecomeCatalogItems() throws {
        let rss = try CatalogImporter(file: Fixtures.url("content/feed.rss").path).read()
        #expect(rss.map(\.path) == ["/tutorials/swift-on-linux", "/tutorials/android-compose"])
        #expect(rss[0].author == "alice" && rss[0].tags == ["server", "swift"])
        #expect(rss[0].publishedAt == Timestamp(iso: "2026-03-09T00:00:00Z"))
        #expect(rss[1].title == "Compose for Android & Kotlin" && rss[1].author == "Carol")
        #expect(rss[1].publishedAt == Timestamp(iso: "2026-02-01T12:30:00Z"))
        let atom = try CatalogImporter(file: Fixtures.url("content/feed.atom").path).read()
        #expect(atom.count == 1)
        #expect(atom[0].path == "/tutorials/swift-concurrency", "the alternate link, not the edit link")
        #expect(atom[0].author == "Bob Builder" && atom[0].tags == ["concurrency", "swift"])
        #expect(atom[0].publishedAt == Timestamp(iso: "2026-03-10T08:00:00Z"))
        let csv = try CatalogImporter(file: Fixtures.url("content/catalog.csv").path).read()
        #expect(csv.map(\.path) == ["/tutorials/swift-on-linux", "/tutorials/swift-concurrency", "/tutorials/android-compose"])
        #expect(csv[2].tags == ["android", "mobile"] && csv[1].publishedAt == Timestamp(iso: "2026-03-10T08:00:00Z"))
    }

    @Test func aBrokenFeedOrCatalogNamesTheProblem() throws {
        let directory = try TemporaryDirectory.make()
        let feed = directory.appendingPathComponent("feed.xml")
        try "<rss><channel><item><title>x</title></item>".write(to: feed, atomically: true, encoding: .utf8)
        #expect(throws: ImportError.self) { try CatalogImporter(file: feed.path).read() }
        let sheet = directory.appendingPathComponent("catalog.csv")
        try "path,title,published\n/a,A,2026-13-01\nnot-a-path,B,\n".write(to: sheet, atomically: true, encoding: .utf8)
        do {
            _ = try CatalogImporter(file: sheet.path).read()
            Issue.record("a bad catalog was accepted")
        } catch let error as ImportError {
            #expect(error.description.contains("line 2: published '2026-13-01' is not a date"))
            #expect(error.description.contains("line 3: 'not-a-path' is not a path"))
        }
    }
}
