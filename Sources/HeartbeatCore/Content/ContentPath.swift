/// The one way a page address becomes a catalog key, so that a log line, a CSV row, a beacon and a
/// feed link for the same page meet: host, query and fragment dropped, `/index.html` and a
/// trailing slash removed (`https://blog.example.com/tutorials/swift/?utm=x` → `/tutorials/swift`).
/// Works on UTF-8 bytes: it runs once per log line, and Foundation's string search was a third
/// of the import time.
public enum ContentPath {
    private static let slash = UInt8(ascii: "/"), question = UInt8(ascii: "?"), hash = UInt8(ascii: "#")
    private static let colon = UInt8(ascii: ":"), dot = UInt8(ascii: ".")

    public static func normalize(_ raw: String) -> String? {
        let utf8 = raw.utf8
        // The common case, an already clean path, is returned as it is.
        if let first = utf8.first, first == slash, isClean(raw) { return raw }
        var bytes = Array(utf8)
        trim(&bytes)
        if let scheme = find(bytes, [colon, slash, slash]) {
            let rest = bytes[(scheme + 3)...]
            guard let start = rest.firstIndex(where: { $0 == slash || $0 == question || $0 == hash }), bytes[start] == slash else {
                return "/"
            }
            bytes = Array(bytes[start...])
        }
        if let cut = bytes.firstIndex(where: { $0 == question || $0 == hash }) { bytes.removeSubrange(cut...) }
        guard bytes.first == slash else { return nil }
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(bytes.count)
        for byte in bytes where !(byte == slash && collapsed.last == slash) { collapsed.append(byte) }
        for suffix in ["/index.html", "/index.htm", "/index.php"] {
            let tail = Array(suffix.utf8)
            if collapsed.count >= tail.count && collapsed.suffix(tail.count).elementsEqual(tail) {
                collapsed.removeLast(tail.count - 1)
                break
            }
        }
        while collapsed.count > 1 && collapsed.last == slash { collapsed.removeLast() }
        return String(decoding: collapsed, as: UTF8.self)
    }

    /// A path with nothing to remove: no query, fragment, doubled or trailing slash, index file
    /// or surrounding space.
    private static func isClean(_ text: String) -> Bool {
        let utf8 = text.utf8
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte == question || byte == hash || byte == 0x20 || byte == 0x09 { return false }
            if byte == slash && previous == slash { return false }
            previous = byte
        }
        if previous == slash && utf8.count > 1 { return false }
        if previous == UInt8(ascii: "l") || previous == UInt8(ascii: "m") || previous == UInt8(ascii: "p") {
            if text.hasSuffix("/index.html") || text.hasSuffix("/index.htm") || text.hasSuffix("/index.php") { return false }
        }
        return true
    }

    /// The lower-cased extension of the last segment (`css` for `/a/site.min.css`), or nil.
    public static func fileExtension(_ path: String) -> String? {
        var extensionStart: String.UTF8View.Index? = nil
        var index = path.utf8.startIndex
        var segmentStart = index
        while index < path.utf8.endIndex {
            let byte = path.utf8[index]
            if byte == slash {
                extensionStart = nil
                segmentStart = path.utf8.index(after: index)
            } else if byte == dot && index != segmentStart {
                extensionStart = path.utf8.index(after: index)
            }
            index = path.utf8.index(after: index)
        }
        guard let start = extensionStart, start < path.utf8.endIndex else { return nil }
        return String(path[start...]).lowercased()
    }

    /// `host/path` of a referrer URL, without scheme, query or `www.`; nil for `-` or empty.
    public static func referrer(_ raw: String) -> (host: String, text: String)? {
        var bytes = Array(raw.utf8)
        trim(&bytes)
        guard !bytes.isEmpty, bytes != [UInt8(ascii: "-")] else { return nil }
        if let scheme = find(bytes, [colon, slash, slash]) { bytes.removeSubrange(..<(scheme + 3)) }
        if let cut = bytes.firstIndex(where: { $0 == question || $0 == hash }) { bytes.removeSubrange(cut...) }
        let hostEnd = bytes.firstIndex(of: slash) ?? bytes.endIndex
        var host = Array(bytes[..<hostEnd])
        if let port = host.firstIndex(of: colon) { host.removeSubrange(port...) }
        for index in host.indices where host[index] >= 65 && host[index] <= 90 { host[index] += 32 }
        if host.starts(with: Array("www.".utf8)) { host.removeFirst(4) }
        guard !host.isEmpty else { return nil }
        var path = Array(bytes[hostEnd...])
        while path.count > 1 && path.last == slash { path.removeLast() }
        let hostText = String(decoding: host, as: UTF8.self)
        return (hostText, path.isEmpty || path == [slash] ? hostText : hostText + String(decoding: path, as: UTF8.self))
    }

    private static func trim(_ bytes: inout [UInt8]) {
        while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { bytes.removeLast() }
        let leading = bytes.prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }.count
        if leading > 0 { bytes.removeFirst(leading) }
    }

    private static func find(_ bytes: [UInt8], _ needle: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}
