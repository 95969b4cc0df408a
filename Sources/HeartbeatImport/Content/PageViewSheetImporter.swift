import Foundation
import HeartbeatCore

/// Imports page views exported from another analytics tool as CSV, with a header naming at
/// least a time, a path and a visitor (`timestamp,path,visitor,referrer` by default; other
/// headers are found by their usual names or mapped with `--column field=Header`). Visitor ids
/// are hashed with the store's salt, paths normalised, crawlers left out when a user-agent column
/// exists. A bad row is counted and listed with its line, and the import goes on; the whole file
/// is one transaction, and importing it again adds nothing.
public struct PageViewSheetImporter: Sendable {
    public var file: String
    public var settings: HeartbeatConfig.ContentSettings
    /// `--column field=Header` options.
    public var columns: [String]

    static let fields: [SheetColumns.Field] = [
        .init(name: "timestamp", headers: ["timestamp", "time", "datetime", "date", "viewedat", "ts", "eventtime"]),
        .init(name: "path", headers: ["path", "page", "pagepath", "url", "pageurl", "pagelocation", "location"]),
        .init(name: "visitor", headers: ["visitor", "visitorid", "clientid", "userid", "user", "anonymousid", "distinctid"]),
        .init(name: "referrer", headers: ["referrer", "referer", "pagereferrer", "source"]),
        .init(name: "user_agent", headers: ["useragent", "ua", "browser"]),
    ]

    public init(file: String, settings: HeartbeatConfig.ContentSettings, columns: [String] = []) {
        self.file = file
        self.settings = settings
        self.columns = columns
    }

    public func run(into store: any ContentStore) async throws -> PageViewImportSummary {
        let (rows, header, sheet) = try SheetColumns.read(file: file, fields: Self.fields, columns: columns)
        for required in ["timestamp", "path", "visitor"] where !sheet.has(required) {
            throw ImportError.input(
                file, line: header.line,
                "has no \(required) column (header: \(header.fields.joined(separator: ", "))). Name it with --column \(required)=HEADER.")
        }
        let salt = try await store.visitorSalt()
        let filter = ReadingFilter(settings: settings)
        let file = self.file
        let source = "csv:" + String(SHA256.hex(([header] + rows.prefix(1)).map { $0.fields.joined(separator: ",") }.joined(separator: "\n")).prefix(16))
        let (summary, written) = try await store.recordPageViews { sink in
            var summary = PageViewImportSummary()
            summary.files = 1
            for record in rows {
                summary.lines += 1
                guard let at = SheetTime.parse(sheet.value("timestamp", record)) else {
                    summary.noteMalformed(file: file, line: record.line, reason: "'\(sheet.value("timestamp", record))' is not a date-time")
                    continue
                }
                guard let path = ContentPath.normalize(sheet.value("path", record)) else {
                    summary.noteMalformed(file: file, line: record.line, reason: "'\(sheet.value("path", record))' is not a path or URL")
                    continue
                }
                let visitorText = sheet.value("visitor", record)
                guard !visitorText.isEmpty else {
                    summary.noteMalformed(file: file, line: record.line, reason: "empty visitor")
                    continue
                }
                if filter.isAsset(path: path) {
                    summary.assets += 1
                    continue
                }
                if sheet.has("user_agent") && filter.isAutomated(userAgent: sheet.value("user_agent", record)) {
                    summary.bots += 1
                    continue
                }
                summary.pageViews += 1
                try sink.add(
                    PageView(
                        at: at, path: path, visitor: VisitorID.make(salt: salt, externalID: visitorText),
                        referrer: filter.referrer(sheet.value("referrer", record)), source: source, line: record.line))
            }
            return summary
        }
        var result = summary
        result.written = written
        return result
    }
}
