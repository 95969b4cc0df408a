/// Decides which requests are a person reading a page, the same way for logs, CSV imports and
/// the collection endpoint: a GET answered with 2xx or 304, for a path that is not an asset (by
/// extension), from a user agent that is not a crawler, bot, monitor or HTTP library (by
/// substring, case-insensitive; an empty agent counts as automated).
public struct ReadingFilter: Sendable {
    public enum Verdict: Sendable, Hashable {
        case page, bot, asset, notAPageRequest
    }

    private let botAgents: [String]
    private let assets: Set<String>
    private let siteHosts: Set<String>

    public init(settings: HeartbeatConfig.ContentSettings) {
        botAgents = settings.allBotAgents
        assets = settings.allAssetExtensions
        siteHosts = Set(settings.siteHosts.map { $0.hasPrefix("www.") ? String($0.dropFirst(4)) : $0 })
    }

    public func isAutomated(userAgent: String) -> Bool {
        let agent = userAgent.lowercased()
        if agent.isEmpty || agent == "-" { return true }
        return botAgents.contains { agent.contains($0) }
    }

    public func isAsset(path: String) -> Bool {
        guard let ext = ContentPath.fileExtension(path) else { return false }
        return assets.contains(ext)
    }

    /// The verdict for one request; the user-agent test is the costly one and comes last.
    public func classify(method: some StringProtocol, status: Int, path: String, userAgent: String) -> Verdict {
        guard method == "GET", (200...299).contains(status) || status == 304 else { return .notAPageRequest }
        if isAsset(path: path) { return .asset }
        return isAutomated(userAgent: userAgent) ? .bot : .page
    }

    /// The referrer as stored (`host/path`), or nil when direct or from the site itself.
    public func referrer(_ raw: String) -> String? {
        guard let parsed = ContentPath.referrer(raw), !siteHosts.contains(parsed.host) else { return nil }
        return parsed.text
    }
}
