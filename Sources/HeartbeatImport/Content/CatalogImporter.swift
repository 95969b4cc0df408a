import Foundation
import HeartbeatCore

/// Reads a content catalog, a CSV (`path` or `url`, `title`, `author`, `published`, `tags`) or
/// the blog's RSS 2.0 or Atom feed, into ``ContentItem``s keyed by normalised path. Authors are
/// matched to community members by exact handle, e-mail or name when exactly one member matches.
public struct CatalogImporter: Sendable {
    public var file: String
    public var columns: [String]

    static let fields: [SheetColumns.Field] = [
        .init(name: "path", headers: ["path", "url", "link", "permalink", "slug", "page"]),
        .init(name: "title", headers: ["title", "name", "headline"]),
        .init(name: "author", headers: ["author", "authors", "writer", "creator", "by"]),
        .init(name: "published", headers: ["published", "publishedat", "publishdate", "pubdate", "date", "publishedon", "created"]),
        .init(name: "tags", headers: ["tags", "categories", "category", "topics", "labels"]),
    ]

    public init(file: String, columns: [String] = []) {
        self.file = file
        self.columns = columns
    }

    /// The items in the file, without touching a store. Every bad row is listed and nothing is
    /// returned if there is one (a catalog is small and hand-kept, so all-or-nothing suits it).
    public func read() throws -> [ContentItem] {
        let bytes = try LineFileReader.readAll(path: file)
        let start = bytes.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        if start.first == UInt8(ascii: "<") { return try FeedReader.items(Data(bytes), file: file) }
        let (rows, header, sheet) = try SheetColumns.read(
            SheetColumns.records(bytes, file: file), file: file, fields: Self.fields, columns: columns)
        for required in ["path", "title"] where !sheet.has(required) {
            throw ImportError.input(
                file, line: header.line,
                "has no \(required) column (header: \(header.fields.joined(separator: ", "))). Columns: path or url, title, and optionally author, published, tags.")
        }
        var items: [ContentItem] = []
        var problems: [String] = []
        var seen: [String: Int] = [:]
        for record in rows {
            let raw = sheet.value("path", record), title = sheet.value("title", record)
            guard let path = ContentPath.normalize(raw) else {
                problems.append("line \(record.line): '\(raw)' is not a path (/tutorials/swift) or URL")
                continue
            }
            if title.isEmpty { problems.append("line \(record.line): empty title") }
            if let earlier = seen[path] { problems.append("line \(record.line): \(path) is already on line \(earlier)") }
            seen[path] = record.line
            let publishedText = sheet.value("published", record)
            let published = SheetTime.parse(publishedText)
            if !publishedText.isEmpty && published == nil {
                problems.append("line \(record.line): published '\(publishedText)' is not a date")
            }
            let tags = sheet.value("tags", record).split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" }).map(String.init)
            let author = sheet.value("author", record)
            items.append(
                ContentItem(
                    path: path, title: title, author: author.isEmpty ? nil : author, publishedAt: published,
                    tags: Submission.normalizedTags(tags), url: raw.contains("://") ? raw : nil))
        }
        if !problems.isEmpty {
            throw ImportError.input(
                file, line: nil,
                "\(problems.count) row\(problems.count == 1 ? "" : "s") cannot be imported; nothing was stored:\n  "
                    + problems.prefix(50).joined(separator: "\n  "))
        }
        return items
    }

    /// Reads the catalog, links authors to members, and saves it.
    public func run(into store: any ContentStore & ContributorStore) async throws -> UpsertCounts {
        var items = try read()
        var known: [String: Int64?] = [:]
        for index in items.indices {
            guard let author = items[index].author else { continue }
            if known[author] == nil {
                let found = try await store.findMembers(matching: author)
                known[author] = found.count == 1 ? found[0].id : nil
            }
            items[index].authorMemberID = known[author] ?? nil
        }
        return try await store.saveContentItems(items)
    }
}
