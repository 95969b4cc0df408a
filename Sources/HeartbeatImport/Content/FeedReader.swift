import Foundation
import HeartbeatCore

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the items of an RSS 2.0 (`<item>` with `link`, `title`, `pubDate`, `author` or
/// `dc:creator`, `category`) or Atom (`<entry>` with `link href`, `title`, `published` or
/// `updated`, `author/name`, `category term`) feed into catalog items.
final class FeedReader: NSObject, XMLParserDelegate {
    private var items: [ContentItem] = []
    private var current: [String: String]? = nil
    private var categories: [String] = []
    private var text = ""
    private var path: [String] = []

    static func items(_ data: Data, file: String) throws -> [ContentItem] {
        let reader = FeedReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        parser.shouldProcessNamespaces = false
        guard parser.parse() else {
            let error = parser.parserError.map { String(describing: $0) } ?? "unknown error"
            throw ImportError.input(file, line: parser.lineNumber, "is not a well-formed RSS or Atom feed (\(error)).")
        }
        var problems: [String] = []
        for (index, item) in reader.items.enumerated() where item.path.isEmpty {
            problems.append("item \(index + 1) ('\(item.title)') has no link")
        }
        guard problems.isEmpty else { throw ImportError.input(file, line: nil, problems.joined(separator: "; ")) }
        if reader.items.isEmpty { throw ImportError.input(file, line: nil, "holds no <item> (RSS) or <entry> (Atom).") }
        return reader.items
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        path.append(name)
        text = ""
        if name == "item" || name == "entry" {
            current = [:]
            categories = []
        } else if current != nil {
            if name == "link", let href = attributes["href"], (attributes["rel"] ?? "alternate") == "alternate" {
                current?["link"] = href
            }
            if name == "category", let term = attributes["term"] { categories.append(term) }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, foundCDATA block: Data) { text += String(decoding: block, as: UTF8.self) }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer { path.removeLast() }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        text = ""
        guard var item = current else { return }
        switch name {
        case "item", "entry":
            let link = item["link"] ?? ""
            items.append(
                ContentItem(
                    path: ContentPath.normalize(link) ?? "", title: item["title"] ?? link, author: item["author"],
                    publishedAt: (item["published"] ?? item["pubDate"] ?? item["updated"]).flatMap(Self.date),
                    tags: Submission.normalizedTags(categories), url: link.isEmpty ? nil : link))
            current = nil
            return
        case "title" where path.count >= 2 && (path[path.count - 2] == "item" || path[path.count - 2] == "entry"):
            item["title"] = value
        case "link" where !value.isEmpty:
            item["link"] = value
        case "name" where path.count >= 2 && path[path.count - 2] == "author":
            item["author"] = value
        case "author" where !value.isEmpty && item["author"] == nil, "dc:creator" where !value.isEmpty:
            // RSS writes "jane@example.org (Jane Doe)"; keep the name when there is one.
            if let open = value.firstIndex(of: "("), value.hasSuffix(")") {
                item["author"] = String(value[value.index(after: open)..<value.index(before: value.endIndex)])
            } else {
                item["author"] = value
            }
        case "pubDate", "published", "updated":
            item[name] = value
        case "category" where !value.isEmpty:
            categories.append(value)
        default:
            break
        }
        current = item
    }

    /// RFC 822 (`Tue, 10 Mar 2026 09:00:00 GMT`, RSS) or ISO 8601 (Atom).
    static func date(_ text: String) -> Timestamp? {
        if let iso = Timestamp(iso: text) { return iso }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEE, dd MMM yyyy HH:mm:ss Z", "dd MMM yyyy HH:mm:ss Z", "EEE, dd MMM yyyy HH:mm zzz"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return Timestamp(date) }
        }
        return nil
    }
}
