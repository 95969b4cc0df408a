import ArgumentParser
import Foundation
import HeartbeatCore
import HeartbeatImport
import HeartbeatReport
import HeartbeatStore

struct ContentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "content",
        abstract: "Readership: import page views (access logs, CSV) and the content catalog.",
        discussion: """
            Page views come from web server access logs (heartbeat content logs), a CSV exported
            from another analytics tool (heartbeat content views) or the dashboard's collection
            endpoint (POST /api/v1/collect). The catalog (heartbeat content import) says which
            path is which tutorial, by whom, published when, with which tags. Then:
              heartbeat report content
            """,
        subcommands: [
            ContentLogsCommand.self, ContentViewsCommand.self, ContentImportCommand.self, ContentListCommand.self,
        ])
}

/// The summary line of a page-view import, then the malformed lines.
enum PageViewImportOutput {
    static func print(_ summary: PageViewImportSummary, what: String) {
        Swift.print(
            "\(summary.files) \(what), \(ValueFormat.grouped(summary.lines)) lines: \(ValueFormat.grouped(summary.pageViews)) page views "
                + "(\(ValueFormat.grouped(summary.written.added)) new, \(ValueFormat.grouped(summary.written.alreadyStored)) already stored); "
                + "left out: \(ValueFormat.grouped(summary.bots)) from crawlers and bots, \(ValueFormat.grouped(summary.assets)) assets, "
                + "\(ValueFormat.grouped(summary.otherRequests)) other requests (not GET, errors, redirects); "
                + "\(ValueFormat.grouped(summary.malformed)) malformed.")
        fflush(nil)  // the summary before the problems, also when both go to one pipe
        if summary.malformed > 0 {
            Terminal.printError(
                "\(summary.malformed) malformed line\(summary.malformed == 1 ? "" : "s") skipped"
                    + (summary.malformed > summary.malformedExamples.count ? " (first \(summary.malformedExamples.count) shown)" : "") + ":\n  "
                    + summary.malformedExamples.joined(separator: "\n  "))
        }
    }
}

struct ContentLogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Import web server access logs (combined format; plain or .gz) as page views.",
        discussion: """
            The combined log format is the default of nginx (access_log … combined) and Apache
            (LogFormat "%h %l %u %t \\"%r\\" %>s %b \\"%{Referer}i\\" \\"%{User-agent}i\\"" combined).
            Give any number of files, rotated and compressed ones too (access.log access.log.1
            access.log.2.gz). A page view is a GET answered 2xx or 304 for a path that is not an
            asset (images, CSS, JS, fonts, feeds…), from a user agent that is not a crawler, bot,
            monitor or HTTP library; [content] bot_agents and asset_extensions in heartbeat.toml
            extend the lists. IP addresses are never stored: a visitor is a salted hash of address
            and user agent. A malformed line is counted and shown with its number; an unreadable or
            truncated file stores nothing. Importing the same file again (or with lines appended)
            adds only new lines.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @Argument(help: "Access log files (.gz allowed).") var files: [String]
    @Flag(name: .shortAndLong, help: "No progress line.") var quiet = false

    func run() async throws {
        let settings = try config.load(besideDatabase: store.location)
        let database = try await store.open()
        let started = Date()
        let showProgress = !quiet && Terminal.stderrIsTerminal
        let importer = AccessLogImporter(files: files, settings: settings.content) { lines in
            guard showProgress else { return }
            let seconds = Date().timeIntervalSince(started)
            Terminal.status("\(ValueFormat.grouped(lines)) lines, \(ValueFormat.grouped(Int(Double(lines) / max(seconds, 0.001)))) lines/s")
        }
        let summary = try await importer.run(into: database)
        if showProgress { Terminal.endStatus() }
        PageViewImportOutput.print(summary, what: summary.files == 1 ? "file" : "files")
        let seconds = Date().timeIntervalSince(started)
        if !quiet {
            Terminal.printError(
                "Took \(ValueFormat.fixed(seconds, places: 1)) s (\(ValueFormat.grouped(Int(Double(summary.lines) / max(seconds, 0.001)))) lines/s).")
        }
    }
}

struct ContentViewsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "views",
        abstract: "Import page views from a CSV exported by another analytics tool.",
        discussion: """
            A header row names the columns: timestamp, path (or a full URL), visitor (the tool's
            visitor or client id), and optionally referrer and user_agent. Usual other names are
            recognised (time, date, page, url, client_id, user_id, referer…); map others with
            --column, e.g. --column visitor="Client ID" --column timestamp=event_time.
            Visitor ids are hashed before they are stored. A malformed row is counted and shown
            with its line; the file is one transaction; importing it again adds nothing.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @Argument(help: "The CSV file (.gz allowed).") var file: String
    @Option(name: .customLong("column"), help: "FIELD=HEADER: which column holds a field (timestamp, path, visitor, referrer, user_agent).")
    var columns: [String] = []

    func run() async throws {
        let settings = try config.load(besideDatabase: store.location)
        let database = try await store.open()
        let summary = try await PageViewSheetImporter(file: file, settings: settings.content, columns: columns).run(into: database)
        PageViewImportOutput.print(summary, what: "file")
    }
}

struct ContentImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add or update the content catalog from a CSV or the blog's RSS/Atom feed.",
        discussion: """
            CSV: a header row with path (or url), title, and optionally author, published
            (YYYY-MM-DD or a date-time) and tags (separated by , ; or |). Feed: an RSS 2.0 or Atom
            file (save https://blog.example.com/feed.xml); link, title, author, publish date and
            categories become path, title, author, published and tags. Items are keyed by path, so
            importing again updates them. Authors whose name, handle or e-mail names exactly one
            member are linked to that member. Tags equal to a focus term of heartbeat.toml make
            the item business-aligned in report content.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "catalog.csv, or feed.xml (RSS or Atom).") var file: String
    @Option(name: .customLong("column"), help: "FIELD=HEADER for a CSV (path, title, author, published, tags).")
    var columns: [String] = []

    func run() async throws {
        let database = try await store.open()
        let counts = try await CatalogImporter(file: file, columns: columns).run(into: database)
        let linked = try await database.contentItems().filter { $0.authorMemberID != nil }.count
        print("\(file): \(counts.added) added, \(counts.updated) updated, \(counts.unchanged) unchanged; \(linked) item(s) in the catalog have an author who is a member.")
    }
}

struct ContentListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The content catalog.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Only with this tag (repeat: any of them).") var tag: [String] = []
    @Option(help: "Output: table, markdown, csv or json.") var format: ReportFormat?

    func run() async throws {
        let database = try await store.open()
        let wanted = Set(tag.map { $0.lowercased() })
        let items = try await database.contentItems().filter { wanted.isEmpty || !wanted.isDisjoint(with: $0.tags) }
        typealias Column = ReportDocument.Column
        let document = ReportDocument(
            title: "Heartbeat content catalog", subtitle: "\(items.count) item(s)",
            sections: [
                .init(
                    title: "Items", key: "items",
                    content: .table(
                        columns: [
                            Column("Path", key: "path", alignRight: false), Column("Title", key: "title", alignRight: false),
                            Column("Author", key: "author", alignRight: false), Column("Member", key: "author_member_id"),
                            Column("Published", key: "published", alignRight: false), Column("Tags", key: "tags", alignRight: false),
                        ],
                        rows: items.map {
                            [
                                .text($0.path), .text($0.title), .text($0.author ?? "–"), .text($0.authorMemberID.map { "#\($0)" } ?? "–"),
                                .text($0.publishedAt?.isoDay ?? "–"), .text($0.tags.joined(separator: ", ")),
                            ]
                        }))
            ])
        try ReportRunner.emit(items, document: document, format: format ?? .forStandardOutput)
    }
}
