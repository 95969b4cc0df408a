import Foundation
import HTTPTypes
import HeartbeatCore
import HeartbeatStore
import Hummingbird
import NIOCore

/// `POST /api/v1/collect`: a blog sends its own page views, without cookies and without the
/// reader's IP address ever being stored. Public (a reader's browser calls it), so it is narrow:
/// JSON of at most 4 KB, CORS limited to `[content] collect_origins` when set, at most
/// `collectLimit` calls per address per 15 minutes, crawlers dropped by user agent.
///
///     navigator.sendBeacon("https://heartbeat.example.org/api/v1/collect",
///         JSON.stringify({ path: location.pathname, referrer: document.referrer }))
///
/// Fields: `path` (or `url`), `referrer`, and `member` (the reader's e-mail or `#id`, when the
/// site knows a signed-in community member). The visitor id is the salted hash of the address
/// and user agent, the same as for access logs. The views go to the community named by
/// `?community=NAME`; without it, to `default`, or to the only community there is.
extension Dashboard {
    struct CollectBody: Decodable {
        var path: String?
        var url: String?
        var referrer: String?
        var member: String?
    }

    struct CollectResult: Encodable {
        var recorded: Bool
        var reason: String?
    }

    func collect(request: Request, context: DashboardContext) async throws -> Response {
        var headers = try corsHeaders(request)
        let address = collectAddress(request: request, context: context)
        let now = Timestamp.now
        if let wait = await collectThrottle.retryAfter(keys: ["collect:" + address], now: now) {
            throw DashboardError(.tooManyRequests, "Too many page views from this address; try again in \(wait) s.")
        }
        await collectThrottle.recordFailure(keys: ["collect:" + address], now: now)
        let store = try await collectStore(request)
        let buffer = try await request.body.collect(upTo: 4096)
        let body: CollectBody
        do {
            body = try JSONDecoder().decode(CollectBody.self, from: Data(buffer.readableBytesView))
        } catch {
            throw DashboardError(.badRequest, "The body must be JSON like {\"path\": \"/tutorials/swift\", \"referrer\": \"https://…\"}.")
        }
        guard let path = (body.path ?? body.url).flatMap(ContentPath.normalize) else {
            throw DashboardError(.badRequest, "path (or url) must be a path like /tutorials/swift or a full URL.")
        }
        let userAgent = request.headers[.userAgent] ?? ""
        let filter = ReadingFilter(settings: config.content)
        let result: CollectResult
        if filter.isAutomated(userAgent: userAgent) {
            result = CollectResult(recorded: false, reason: "crawler or bot user agent")
        } else if filter.isAsset(path: path) {
            result = CollectResult(recorded: false, reason: "an asset, not a page")
        } else {
            var memberID: Int64? = nil
            // An e-mail or #id naming exactly one member; anything else reads as anonymous.
            if let member = body.member?.trimmingCharacters(in: .whitespaces),
                member.contains("@") || Int64(member.hasPrefix("#") ? String(member.dropFirst()) : member) != nil
            {
                let found = try await store.findMembers(matching: member)
                memberID = found.count == 1 ? found[0].id : nil
            }
            let salt = try await store.visitorSalt()
            let view = PageView(
                at: now, path: path, visitor: VisitorID.make(salt: salt, address: address, userAgent: userAgent),
                referrer: filter.referrer(body.referrer ?? ""), memberID: memberID, source: "collect")
            _ = try await store.recordPageViews { sink in try sink.add(view) }
            result = CollectResult(recorded: true, reason: nil)
        }
        headers[.contentType] = "application/json"
        let text = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        return Response(status: .accepted, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The store of the community the page views go to.
    private func collectStore(_ request: Request) async throws -> any DashboardStore {
        let all = try await communities.allCommunities()
        let asked = request.uri.queryParameters.get(CommunityScope.parameter).map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let chosen: Community
        if !asked.isEmpty {
            guard let found = all.first(where: { $0.name.lowercased() == asked.lowercased() }) else {
                throw DashboardError(.notFound, "No community named '\(asked.prefix(64))' collects page views here.")
            }
            chosen = found
        } else if let found = all.first(where: { $0.name.lowercased() == Community.defaultName }) ?? (all.count == 1 ? all.first : nil) {
            chosen = found
        } else {
            throw DashboardError(
                .badRequest, "This server holds several communities: name one, as in POST /api/v1/collect?community=NAME.")
        }
        return try await communities.store(for: chosen)
    }

    /// The CORS preflight a browser sends before a cross-site JSON POST.
    func collectPreflight(request: Request, context: DashboardContext) async throws -> Response {
        var headers = try corsHeaders(request)
        headers[.accessControlAllowMethods] = "POST"
        headers[.accessControlAllowHeaders] = "Content-Type"
        headers[.accessControlMaxAge] = "86400"
        return Response(status: .noContent, headers: headers)
    }

    private func corsHeaders(_ request: Request) throws -> HTTPFields {
        var headers = HTTPFields()
        let allowed = config.content.collectOrigins
        if allowed.isEmpty {
            headers[.accessControlAllowOrigin] = "*"
        } else if let origin = request.headers[.origin] {
            guard allowed.contains(origin) else {
                throw DashboardError(.forbidden, "Origin \(origin) may not send page views; add it to [content] collect_origins.")
            }
            headers[.accessControlAllowOrigin] = origin
            headers[.vary] = "Origin"
        }
        return headers
    }

    /// The reader's address: the connection's peer, or behind a trusted proxy the first address
    /// of `X-Forwarded-For`.
    private func collectAddress(request: Request, context: DashboardContext) -> String {
        if options.trustForwardedFor, let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!] {
            let first = forwarded.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if !first.isEmpty { return first }
        }
        return context.clientAddress
    }
}
