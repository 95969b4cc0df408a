import Foundation

/// The one way a page address becomes a catalog key, so that a log line, a CSV row, a beacon and a
/// feed link for the same page meet: host, query and fragment dropped, `/index.html` and a
/// trailing slash removed (`https://blog.example.com/tutorials/swift/?utm=x` → `/tutorials/swift`).
public enum ContentPath {
    public static func normalize(_ raw: String) -> String? {
        var text = Substring(raw.trimmingCharacters(in: .whitespaces))
        if let scheme = text.range(of: "://") {
            text = text[scheme.upperBound...]
            guard let slash = text.firstIndex(of: "/") else { return "/" }
            text = text[slash...]
        }
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<cut] }
        guard text.first == "/" else { return nil }
        var path = String(text)
        while path.contains("//") { path = path.replacingOccurrences(of: "//", with: "/") }
        for suffix in ["/index.html", "/index.htm", "/index.php"] where path.hasSuffix(suffix) {
            path.removeLast(suffix.count - 1)
        }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// The lower-cased extension of the last segment (`css` for `/a/site.min.css`), or nil.
    public static func fileExtension(_ path: String) -> String? {
        let last = path.split(separator: "/").last ?? ""
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return nil }
        let ext = last[last.index(after: dot)...]
        return ext.isEmpty ? nil : ext.lowercased()
    }

    /// `host/path` of a referrer URL, without scheme, query or `www.`; nil for `-` or empty.
    public static func referrer(_ raw: String) -> (host: String, text: String)? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed != "-" else { return nil }
        var text = Substring(trimmed)
        if let scheme = text.range(of: "://") { text = text[scheme.upperBound...] }
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = text[..<cut] }
        let hostEnd = text.firstIndex(of: "/") ?? text.endIndex
        var host = text[..<hostEnd].lowercased()
        if let colon = host.firstIndex(of: ":") { host = String(host[..<colon]) }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        guard !host.isEmpty else { return nil }
        var path = String(text[hostEnd...])
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return (host, path == "/" ? host : host + path)
    }
}
