import HeartbeatCore

/// Imports web server access logs (combined format; plain or gzip; any number of files) as page
/// views: streaming line by line, crawlers and assets left out by ``ReadingFilter``, visitors
/// hashed with the store's salt. All files go in one transaction: an unreadable or truncated file
/// stores nothing. A malformed line is counted and listed with its number, and the import goes on.
/// Each file is recognised by its first line, so importing it again, rotated, compressed or with
/// lines appended, adds only the new lines.
public struct AccessLogImporter: Sendable {
    public var files: [String]
    public var settings: HeartbeatConfig.ContentSettings
    /// Called with the number of lines read so far, every `progressInterval` lines.
    public var progress: (@Sendable (Int) -> Void)?
    public var progressInterval = 200_000

    public init(files: [String], settings: HeartbeatConfig.ContentSettings, progress: (@Sendable (Int) -> Void)? = nil) {
        self.files = files
        self.settings = settings
        self.progress = progress
    }

    public func run(into store: any ContentStore) async throws -> PageViewImportSummary {
        let salt = try await store.visitorSalt()
        let files = self.files
        let filter = ReadingFilter(settings: settings)
        let progress = self.progress
        let interval = progressInterval
        let (summary, written) = try await store.recordPageViews { sink in
            var summary = PageViewImportSummary()
            var visitors: [String: String] = [:]
            var verdicts: [String: Bool] = [:]
            // Targets and referrers repeat from line to line: normalise each once (bounded caches).
            var paths: [String: (path: String, isAsset: Bool)?] = [:]
            var referrers: [String: String?] = [:]
            for file in files {
                let reader = try LineFileReader(path: file)
                var source = ""
                summary.files += 1
                try reader.forEachLine { bytes in
                    summary.lines += 1
                    if let progress, summary.lines % interval == 0 { progress(summary.lines) }
                    if reader.lineNumber == 1 {
                        source = "log:" + String(SHA256.hex(String(decoding: bytes, as: UTF8.self)).prefix(16))
                    }
                    let line: AccessLogLine
                    do throws(AccessLogLine.Malformed) {
                        line = try AccessLogLine.parse(bytes)
                    } catch {
                        if !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                            summary.noteMalformed(file: file, line: reader.lineNumber, reason: error.reason)
                        }
                        return
                    }
                    let normalized: (path: String, isAsset: Bool)?
                    if let known = paths[line.target] {
                        normalized = known
                    } else {
                        normalized = ContentPath.normalize(line.target).map { ($0, filter.isAsset(path: $0)) }
                        if paths.count > 200_000 { paths.removeAll(keepingCapacity: true) }
                        paths[line.target] = normalized
                    }
                    guard let (path, isAsset) = normalized else {
                        summary.otherRequests += 1
                        return
                    }
                    guard line.method == "GET", (200...299).contains(line.status) || line.status == 304 else {
                        summary.otherRequests += 1
                        return
                    }
                    if isAsset {
                        summary.assets += 1
                        return
                    }
                    let automated: Bool
                    if let known = verdicts[line.userAgent] {
                        automated = known
                    } else {
                        automated = filter.isAutomated(userAgent: line.userAgent)
                        verdicts[line.userAgent] = automated
                    }
                    if automated {
                        summary.bots += 1
                        return
                    }
                    let client = line.address + "\u{0}" + line.userAgent
                    let visitor: String
                    if let known = visitors[client] {
                        visitor = known
                    } else {
                        visitor = VisitorID.make(salt: salt, address: line.address, userAgent: line.userAgent)
                        visitors[client] = visitor
                    }
                    let referrer: String?
                    if let known = referrers[line.referrer] {
                        referrer = known
                    } else {
                        referrer = filter.referrer(line.referrer)
                        if referrers.count > 200_000 { referrers.removeAll(keepingCapacity: true) }
                        referrers[line.referrer] = referrer
                    }
                    summary.pageViews += 1
                    try sink.add(
                        PageView(
                            at: line.at, path: path, visitor: visitor, referrer: referrer,
                            source: source, line: reader.lineNumber))
                }
            }
            return summary
        }
        var result = summary
        result.written = written
        return result
    }
}
