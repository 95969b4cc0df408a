import Foundation
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatStore
import Hummingbird

/// The filters every page and API call shares, read from the query string (so a view can be
/// shared as a link): `since`, `until` (YYYY-MM-DD, until excluded), `all`, `channel` (repeat or
/// comma-separate), `platform`, `segment`, `top`, `limit`. Anything malformed is a 400 that names
/// the parameter and what it expects.
public struct ReportFilters: Sendable, Hashable {
    public var since: CivilDate?
    public var until: CivilDate?
    public var wholeHistory = false
    public var channels: [String] = []
    public var platform: Platform?
    public var segment: String?
    public var top = 10
    public var limit = 20

    public init() {}

    public init(query: [(String, String)]) throws {
        for (name, raw) in query {
            let value = raw.trimmingCharacters(in: .whitespaces)
            switch name {
            case "since", "until":
                guard !value.isEmpty else { continue }
                guard let date = CivilDate(iso: value) else {
                    throw DashboardError.badParameter(name, value, expected: "a date as YYYY-MM-DD")
                }
                if name == "since" { since = date } else { until = date }
            case "all":
                switch value.lowercased() {
                case "1", "true", "yes", "on": wholeHistory = true
                case "", "0", "false", "no", "off": wholeHistory = false
                default: throw DashboardError.badParameter(name, value, expected: "1 or 0")
                }
            case "channel":
                channels += value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            case "platform":
                guard !value.isEmpty else { continue }
                guard let parsed = Platform(rawValue: value.lowercased()) else {
                    throw DashboardError.badParameter(
                        name, value, expected: "one of " + Platform.allCases.map(\.rawValue).joined(separator: ", "))
                }
                platform = parsed
            case "segment":
                segment = value.isEmpty ? nil : value
            case "top", "limit":
                guard let number = Int(value), (0...500).contains(number) else {
                    throw DashboardError.badParameter(name, value, expected: "a whole number from 0 to 500")
                }
                if name == "top" { top = number } else { limit = number }
            default:
                continue  // page, q, per_page and the like belong to the page that reads them
            }
        }
        if let since, let until, since >= until {
            throw DashboardError(.badRequest, "'since' (\(since)) must be before 'until' (\(until)); until is the first day not included.")
        }
    }

    public var request: ReportRequest {
        ReportRequest(
            since: since, until: until, wholeHistory: wholeHistory, platform: platform, spaces: channels, top: top,
            unansweredListLimit: limit, segment: segment)
    }

    /// The filters as a query string (without `?`), in a stable order: the cache key and the
    /// links that keep a view's filters.
    public var queryString: String {
        var parts: [String] = []
        if let since { parts.append("since=\(since)") }
        if let until { parts.append("until=\(until)") }
        if wholeHistory { parts.append("all=1") }
        for channel in channels { parts.append("channel=\(URLText.encode(channel))") }
        if let platform { parts.append("platform=\(platform.rawValue)") }
        if let segment { parts.append("segment=\(URLText.encode(segment))") }
        if top != 10 { parts.append("top=\(top)") }
        if limit != 20 { parts.append("limit=\(limit)") }
        return parts.joined(separator: "&")
    }
}

/// Percent-encoding for query values and paths.
enum URLText {
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension Request {
    /// The query as name/value pairs, in order, percent-decoded.
    var queryPairs: [(String, String)] {
        uri.queryParameters.map { (String($0.key), String($0.value)) }
    }

    /// A positive page number from `page` (default 1).
    func pageNumber(_ name: String = "page") throws -> Int {
        guard let raw = uri.queryParameters.get(name), !raw.isEmpty else { return 1 }
        guard let page = Int(raw), page >= 1, page <= 1_000_000 else {
            throw DashboardError.badParameter(name, raw, expected: "a whole number from 1")
        }
        return page
    }
}
