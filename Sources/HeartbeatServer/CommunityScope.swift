import Foundation
import HeartbeatCore
import HeartbeatStore
import Hummingbird

/// The one community a request works on, with its store, and how links keep it.
///
/// Chosen by the `community` query parameter (any letter case), on pages and API alike; without
/// it, `default` when the account may see it, else the first the account may see. A community the
/// account may not see is a 404, worded the same whether or not it exists. Links and forms carry
/// the parameter whenever the account sees more than one community (or the request named it), so
/// a choice is remembered from page to page.
struct CommunityScope: Sendable {
    static let parameter = "community"

    let community: Community
    let store: any DashboardStore
    /// Every community the account may see, for the switcher.
    let visible: [Community]
    /// Whether links carry `community=NAME`.
    let carried: Bool
    /// Where the switcher's form goes: the same page when it exists in every community (the
    /// overview, a report, the lists), else the overview.
    let switchAction: String

    /// `community=NAME`, or "" when links need not carry it.
    var parameter: String { carried ? Self.parameter + "=" + URLText.encode(community.name) : "" }

    /// `?community=NAME&QUERY`, `?QUERY` or "": the query part of a link, with `query` (no `?`).
    func query(_ query: String = "") -> String {
        let parts = [parameter, query].filter { !$0.isEmpty }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    /// `path` with the community and `query` (no `?`).
    func link(_ path: String, _ query: String = "") -> String { path + self.query(query) }

    /// What every template may use: `{{cq}}` after a path without a query, `{{ca}}` after one
    /// with a query, and `{{#carry}}…{{name}}…{{/carry}}` for a hidden field in GET forms.
    var templateValues: [String: Any] {
        var values: [String: Any] = ["cq": query(), "ca": carried ? "&" + parameter : ""]
        if carried { values["carry"] = ["name": community.name] }
        return values
    }

    /// Picks the community of a request for `account`, or refuses with the reason.
    static func resolve(request: Request, account: Account, communities: any DashboardCommunities) async throws -> CommunityScope {
        let visible = try await communities.communities(visibleTo: account)
        let asked = request.uri.queryParameters.get(Self.parameter).map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !visible.isEmpty else {
            if account.role == .admin {
                throw DashboardError(
                    .notFound, "This database holds no community yet. Import one: heartbeat ingest EXPORT --community NAME --db …")
            }
            throw DashboardError(
                .forbidden,
                "No community has been granted to the account '\(account.name)' yet. An admin grants one with: heartbeat users grant \(account.name) COMMUNITY")
        }
        let chosen: Community
        if asked.isEmpty {
            chosen = visible.first { $0.name.lowercased() == Community.defaultName } ?? visible[0]
        } else if let found = visible.first(where: { $0.name.lowercased() == asked.lowercased() }) {
            chosen = found
        } else {
            // The same words whether the community exists or not: a viewer learns nothing of others.
            let names = visible.prefix(20).map(\.name).joined(separator: ", ") + (visible.count > 20 ? ", …" : "")
            throw DashboardError(
                .notFound,
                "There is no community '\(asked.prefix(64))' that the account '\(account.name)' may see. Communities it may see: \(names)."
                    + (account.role == .admin ? "" : " An admin grants more with: heartbeat users grant \(account.name) COMMUNITY"))
        }
        let path = request.uri.path
        let samePage = path == "/" || path == "/members" || path == "/submissions" || (path.hasPrefix("/reports/") && path.dropFirst(9).firstIndex(of: "/") == nil)
        return CommunityScope(
            community: chosen, store: try await communities.store(for: chosen), visible: visible,
            carried: visible.count > 1 || !asked.isEmpty, switchAction: samePage ? path : "/")
    }
}

/// Chooses the community of every signed-in request (`CommunityScope`) before any handler runs,
/// so no page or API call can reach a store the account may not see. Sign-out and the OpenAPI
/// document belong to no community; the public routes have no account and choose for themselves.
struct CommunityMiddleware: RouterMiddleware {
    typealias Context = DashboardContext
    let communities: any DashboardCommunities

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard let account = context.account, path != "/logout", path != "/api/v1/openapi.json" else {
            return try await next(request, context)
        }
        var context = context
        context.scope = try await CommunityScope.resolve(request: request, account: account, communities: communities)
        return try await next(request, context)
    }
}

extension DashboardContext {
    /// The request's community; every route behind `CommunityMiddleware` has one.
    func communityScope() throws -> CommunityScope {
        guard let scope else { throw DashboardError(.internalServerError, "No community was chosen for this request.") }
        return scope
    }
}
