import Foundation
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// A day of access logs written by hand (`Tests/Fixtures/content/access.log`, 20 lines) and the
/// figures worked out on paper:
///
/// - 9 page views: visitor A (Firefox, 203.0.113.7) 09:00 and 09:05, then after an idle hour
///   10:15 and 10:20; B (Chrome, 198.51.100.23) 11:30; C (Safari on iPhone, the same address as B)
///   12:00 and 12:29; D (192.0.2.50) 14:00 (written 15:00 +0100) and 14:40 (a 304).
/// - Left out: 3 crawler requests (Googlebot, bingbot, curl), 3 assets (a stylesheet, a logo,
///   robots.txt), 3 other requests (a POST, a 301, a 404), 2 malformed lines (lines 7 and 19).
/// - 6 visits: A 2 (the idle hour splits them), B 1, C 1 (29 minutes apart), D 2 (40 minutes);
///   bounces: B's, and both of D's = 3 of 6, 50 %.
@Suite struct ReadershipTests {
    static func store(_ kind: TestStoreKind, config: HeartbeatConfig.ContentSettings = HeartbeatConfig.ContentSettings())
        async throws -> (any StoreBackend, PageViewImportSummary)
    {
        let store = try await TestStores.make(kind)
        let summary = try await AccessLogImporter(files: [Fixtures.url("content/access.log").path], settings: config).run(into: store)
        return (store, summary)
    }

    static var day: ReportRequest { ReportRequest(since: CivilDate(iso: "2026-03-10"), until: CivilDate(iso: "2026-03-11")) }

    @Test(arguments: TestStores.kinds) func theHandWrittenLogGivesTheHandCountedFigures(_ kind: TestStoreKind) async throws {
        let (store, summary) = try await Self.store(kind)
        #expect(summary.lines == 20)
        #expect(summary.pageViews == 9)
        #expect(summary.bots == 3)
        #expect(summary.assets == 3)
        #expect(summary.otherRequests == 3)
        #expect(summary.malformed == 2)
        let file = Fixtures.url("content/access.log").path
        #expect(summary.malformedExamples == ["\(file):7: no [time]", "\(file):19: no quoted referrer (combined format expected)"])
        #expect(summary.written == PageViewWriteCounts(added: 9, alreadyStored: 0))

        let report = try await Readership.report(store: store, request: Self.day, config: HeartbeatConfig())
        #expect(report.summary.pageViews == 9)
        #expect(report.summary.uniqueVisitors == 4)
        #expect(report.summary.visits == 6)
        #expect(report.summary.bouncedVisits == 3)
        #expect(report.summary.bounceRate == 0.5)
        #expect(report.summary.pagesPerVisit == 1.5)
        #expect(report.summary.dailyActiveReaders == 4)
        #expect(report.summary.newVisitors == 4 && report.summary.returningVisitors == 0)
        #expect(report.summary.visitorsWithSeveralVisits == 2, "A and D")
        #expect(report.summary.referredVisits == 2)
        #expect(report.referrers.map(\.host) == ["google.com", "news.ycombinator.com"])
        #expect(report.pages.map(\.path) == ["/tutorials/swift-concurrency", "/tutorials/swift-on-linux", "/tutorials/android-compose", "/about"])
        #expect(report.pages.map(\.pageViews) == [3, 3, 2, 1])
        #expect(report.pages.map(\.entrances) == [2, 3, 1, 0])
        #expect(report.pages.map(\.bounceRate) == [1, 0, 1, nil])
    }

    @Test(arguments: TestStores.kinds) func aThirtyMinuteGapStartsANewVisitAndSessionMinutesIsASetting(_ kind: TestStoreKind) async throws {
        var config = HeartbeatConfig()
        config.content.sessionMinutes = 45
        let (store, _) = try await Self.store(kind)
        let longer = try await Readership.report(store: store, request: Self.day, config: config)
        #expect(longer.summary.visits == 5, "D's two views, 40 minutes apart, are one visit at 45 minutes")
        #expect(longer.summary.bouncedVisits == 1)
        config.content.sessionMinutes = 29
        let shorter = try await Readership.report(store: store, request: Self.day, config: config)
        #expect(shorter.summary.visits == 7, "C's views, 29 minutes apart, split at 29")
    }

    @Test(arguments: TestStores.kinds) func importingAgainPlainOrCompressedAddsNothingAndATruncatedFileStoresNothing(_ kind: TestStoreKind) async throws {
        let (store, _) = try await Self.store(kind)
        let directory = try TemporaryDirectory.make()
        let plain = directory.appendingPathComponent("access.log.1")
        try FileManager.default.copyItem(at: Fixtures.url("content/access.log"), to: plain)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-k", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = directory.appendingPathComponent("access.log.1.gz")
        let again = try await AccessLogImporter(files: [compressed.path], settings: .init()).run(into: store)
        #expect(again.pageViews == 9)
        #expect(again.written == PageViewWriteCounts(added: 0, alreadyStored: 9), "the rotated, compressed copy is the same file")

        // Lines appended to the log: only they are new.
        let appended = directory.appendingPathComponent("access.log")
        try (try String(contentsOf: plain, encoding: .utf8)
            + #"203.0.113.7 - - [11/Mar/2026:08:00:00 +0000] "GET /tutorials/swift-on-linux HTTP/1.1" 200 1 "-" "Mozilla/5.0 Firefox/124.0""# + "\n")
            .write(to: appended, atomically: true, encoding: .utf8)
        let grown = try await AccessLogImporter(files: [appended.path], settings: .init()).run(into: store)
        #expect(grown.written == PageViewWriteCounts(added: 1, alreadyStored: 9))

        // A gzip file cut in half: an error naming the file, and nothing of this import stored
        // (the good file given before it in the same run included).
        let bytes = try Data(contentsOf: compressed)
        let truncated = directory.appendingPathComponent("cut.log.gz")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let other = directory.appendingPathComponent("other.log")
        try #"10.0.0.1 - - [12/Mar/2026:08:00:00 +0000] "GET /new HTTP/1.1" 200 1 "-" "Mozilla/5.0 Firefox/124.0""#
            .write(to: other, atomically: true, encoding: .utf8)
        do {
            _ = try await AccessLogImporter(files: [other.path, truncated.path], settings: .init()).run(into: store)
            Issue.record("a truncated gzip file was accepted")
        } catch let error as ImportError {
            #expect(error.file == truncated.path)
            #expect(error.description.contains("truncated"), "\(error)")
        }
        #expect(try await store.pageViewLog().views.count == 10)
    }

    @Test(arguments: TestStores.kinds) func theCatalogGivesPerItemPerTagAndFocusFigures(_ kind: TestStoreKind) async throws {
        let (store, _) = try await Self.store(kind)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        let saved = try await CatalogImporter(file: Fixtures.url("content/catalog.csv").path).run(into: store)
        #expect(saved == UpsertCounts(added: 3))
        #expect(try await CatalogImporter(file: Fixtures.url("content/catalog.csv").path).run(into: store) == UpsertCounts(unchanged: 3))
        var config = HeartbeatConfig()
        config.focus = ["swift"]
        let report = try await Readership.report(store: store, request: Self.day, config: config)
        let items = Dictionary(uniqueKeysWithValues: report.items.map { ($0.path, $0) })
        let linux = try #require(items["/tutorials/swift-on-linux"])
        #expect(linux.pageViews == 3 && linux.readers == 2 && linux.entrances == 3 && linux.bounceRate == 0)
        #expect(linux.firstWeekViews == 3 && linux.firstMonthViews == 3 && linux.firstMonthComplete == false)
        #expect(linux.authorMemberID == (try await store.resolveMember("@alice")).id, "alice is a member")
        let concurrency = try #require(items["/tutorials/swift-concurrency"])
        #expect(concurrency.pageViews == 3 && concurrency.readers == 2 && concurrency.bounceRate == 1)
        #expect(concurrency.firstWeekViews == 3, "published 08:00, read from 09:05")
        #expect(concurrency.authorMemberID == (try await store.resolveMember("@bob")).id, "Bob Builder is bob by his real name")
        let android = try #require(items["/tutorials/android-compose"])
        #expect(android.pageViews == 2 && android.firstWeekViews == 0 && android.firstMonthViews == 0 && android.firstMonthComplete == true)
        #expect(!android.isFocus && linux.isFocus)
        let tags = Dictionary(uniqueKeysWithValues: report.tags.map { ($0.tag, $0) })
        #expect(tags["swift"]?.items == 2 && tags["swift"]?.pageViews == 6 && tags["swift"]?.readers == 3)
        #expect(tags["swift"]?.bounceRate == 0.4, "2 bounces of 5 entrances")
        #expect(tags["android"]?.readers == 2 && tags["mobile"]?.pageViews == 2)
        #expect(report.summary.focusShare == 6.0 / 9.0)
        #expect(report.summary.focusShareOfCatalog == 6.0 / 8.0)
        let authors = Dictionary(uniqueKeysWithValues: report.authors.map { ($0.author, $0) })
        #expect(authors["alice"]?.pageViews == 3 && authors["alice"]?.readers == 2)

        // --channel TAG keeps that tag's items.
        var android2 = Self.day
        android2.spaces = ["android"]
        let narrowed = try await Readership.report(store: store, request: android2, config: config)
        #expect(narrowed.summary.pageViews == 2 && narrowed.summary.uniqueVisitors == 2 && narrowed.items.count == 1)
    }

    @Test(arguments: TestStores.kinds) func aPageViewCSVIsImportedWithItsBadRowsCounted(_ kind: TestStoreKind) async throws {
        let (store, _) = try await Self.store(kind)
        let file = Fixtures.url("content/pageviews.csv").path
        let summary = try await PageViewSheetImporter(file: file, settings: .init()).run(into: store)
        #expect(summary.pageViews == 3 && summary.assets == 1 && summary.malformed == 1)
        #expect(summary.malformedExamples == ["\(file):5: 'yesterday' is not a date-time"])
        let again = try await PageViewSheetImporter(file: file, settings: .init()).run(into: store)
        #expect(again.written == PageViewWriteCounts(added: 0, alreadyStored: 3))
        let request = ReportRequest(since: CivilDate(iso: "2026-03-11"), until: CivilDate(iso: "2026-03-12"))
        let report = try await Readership.report(store: store, request: request, config: HeartbeatConfig())
        #expect(report.summary.pageViews == 3 && report.summary.uniqueVisitors == 2 && report.summary.visits == 2)
        #expect(report.summary.newVisitors == 2, "CSV visitors are not the log's")
        #expect(report.referrers.map(\.host) == ["twitter.com"])
        let missing = try TemporaryDirectory.make().appendingPathComponent("views.csv")
        try "when,page\n2026-03-11,/a\n".write(to: missing, atomically: true, encoding: .utf8)
        await #expect(throws: ImportError.self) { try await PageViewSheetImporter(file: missing.path, settings: .init()).run(into: store) }
    }
}
