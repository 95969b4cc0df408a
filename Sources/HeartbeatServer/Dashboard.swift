import Foundation
import HTTPTypes
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatStore
import HeartbeatReport
import Hummingbird
import Logging
import NIOCore

/// The web dashboard and JSON API over one or more communities: server-rendered pages (no script),
/// every report of the `ReportCatalog` as a page and under `/api/v1/reports/NAME`, members,
/// channels, and an OpenAPI document. Everything but `/login` and `/static/` needs a session or an
/// API token. Each request works on one community the account may see (`?community=NAME`,
/// `CommunityScope`); accounts are the same for all of them.
public struct Dashboard: Sendable {
    public struct Options: Sendable {
        /// Marks the session cookie `Secure` (sent over HTTPS only; browsers also send it to
        /// `localhost`/`127.0.0.1` over HTTP). Turn off only behind a TLS-terminating proxy that
        /// forwards plain HTTP from another host.
        public var secureCookies = true
        /// How long a sign-in lasts.
        public var sessionHours = 12
        /// Failed sign-ins allowed per address and per account name within 15 minutes.
        public var loginAttempts = 5
        /// Take the reader's address for page views from `X-Forwarded-For` (only behind a proxy
        /// that sets it; otherwise anyone could pick their own visitor id).
        public var trustForwardedFor = false
        /// Calls of `POST /api/v1/collect` allowed per address within 15 minutes.
        public var collectLimit = 300

        public init() {}
    }

    let communities: any DashboardCommunities
    let config: HeartbeatConfig
    let catalog: ReportCatalog
    let options: Options
    let pages: PageRenderer
    /// Built reports by community and view, until the community's next import.
    let cache = ReportCache<ReportCatalog.Built>()
    /// Member lists by community and search text, until the next import: paging through them must
    /// not reload the store.
    let directory = ReportCache<[MemberDirectory.Entry]>(capacity: 16)
    let throttle: LoginThrottle
    /// Counts collection calls per address (the same sliding window as sign-in failures).
    let collectThrottle: LoginThrottle

    /// A dashboard over one store: one community, `default`, that every account sees (a SQLite file).
    public init(
        store: any DashboardStore, config: HeartbeatConfig = HeartbeatConfig(), catalog: ReportCatalog = .standard,
        options: Options = Options()
    ) throws {
        try self.init(communities: SingleCommunity(store: store), config: config, catalog: catalog, options: options)
    }

    /// A dashboard over several communities (`PostgresCommunities`): admins switch between them,
    /// viewers see those granted to them.
    public init(
        communities: any DashboardCommunities, config: HeartbeatConfig = HeartbeatConfig(), catalog: ReportCatalog = .standard,
        options: Options = Options()
    ) throws {
        self.communities = communities
        self.config = config
        self.catalog = catalog
        self.options = options
        self.pages = try PageRenderer(catalog: catalog)
        self.throttle = LoginThrottle(limit: options.loginAttempts)
        self.collectThrottle = LoginThrottle(limit: options.collectLimit)
    }

    /// The routes with their middleware: errors outermost (so every refusal gets a readable page
    /// or JSON body), then security headers, then authentication, then the choice of community.
    public func router() -> Router<DashboardContext> {
        let router = Router(context: DashboardContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorMiddleware(pages: pages))
        router.add(middleware: AuthenticationMiddleware(accounts: communities.accounts))
        router.add(middleware: CommunityMiddleware(communities: communities))

        router.get("/static/heartbeat.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: DashboardStyle.css)))
        }
        router.get("/favicon.ico") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=86400"],
                body: .init(byteBuffer: ByteBuffer(string: DashboardStyle.icon)))
        }
        router.get("/login") { request, context in try await loginPage(request: request, context: context) }
        router.post("/login") { request, context in try await login(request: request, context: context) }
        router.post("/logout") { request, context in try await logout(request: request, context: context) }

        router.get("/") { request, context in try await overview(request: request, context: context) }
        router.get("/reports/{name}") { request, context in try await reportPage(request: request, context: context) }
        router.get("/channels/{name}") { request, context in try await channelPage(request: request, context: context) }
        router.get("/members") { request, context in try await membersPage(request: request, context: context) }
        router.get("/members/{id}") { request, context in try await memberPage(request: request, context: context) }
        router.get("/submissions") { request, context in try await submissionsPage(request: request, context: context) }
        router.get("/submissions/{id}") { request, context in try await submissionPage(request: request, context: context) }
        router.post("/submissions/{id}/move") { request, context in try await moveSubmission(request: request, context: context) }

        router.post("/api/v1/collect") { request, context in try await collect(request: request, context: context) }
        router.on("/api/v1/collect", method: .options) { request, context in
            try await collectPreflight(request: request, context: context)
        }
        router.get("/api/v1/openapi.json") { _, _ in
            json(try OpenAPIDocument.build(catalog: catalog).serialized(pretty: true))
        }
        router.get("/api/v1/reports/{name}") { request, context in try await reportJSON(request: request, context: context) }
        router.get("/api/v1/members") { request, context in try await membersJSON(request: request, context: context) }
        router.get("/api/v1/members/{id}") { request, context in try await memberJSON(request: request, context: context) }
        router.get("/api/v1/submissions") { request, context in try await submissionsJSON(request: request, context: context) }
        router.get("/api/v1/submissions/{id}") { request, context in try await submissionJSON(request: request, context: context) }
        return router
    }

    /// Serves until the process is stopped (Ctrl-C or SIGTERM).
    public func run(host: String, port: Int, logger: Logger) async throws {
        let app = Application(router: router(), configuration: .init(address: .hostname(host, port: port)), logger: logger)
        try await app.runService()
    }

    // MARK: Shared helpers

    /// A report of the request's community for the filters, from the cache when nothing was
    /// imported into that community since it was built.
    func built(_ entry: ReportCatalog.Entry, filters: ReportFilters, scope: CommunityScope) async throws -> ReportCatalog.Built {
        let store = scope.store
        let generation = try await store.generation()
        let config = self.config
        let request = filters.request
        return try await cache.value(community: scope.community.id, view: entry.name + "?" + filters.queryString, generation: generation) {
            try await entry.build(store, request, config)
        }
    }

    func entry(_ context: DashboardContext) throws -> ReportCatalog.Entry {
        let name = context.parameters.get("name") ?? ""
        guard let entry = catalog.entry(named: name) else {
            throw DashboardError(
                .notFound, "no report named '\(name)'. Reports: \(catalog.entries.map(\.name).joined(separator: ", ")).")
        }
        return entry
    }

    func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
