import Foundation
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatStore
import HeartbeatReport
import Hummingbird

extension Dashboard {
    /// The figures the overview puts first, as `section.fact` keys of the engagement document.
    static let headlineKeys = [
        "members.total", "members.new", "activity.active_posters", "activity.active_share", "activity.average_dau",
        "activity.stickiness", "threads.response_rate", "threads.first_response_median_seconds",
        "threads.unanswered_questions",
    ]

    func overview(request: Request, context: DashboardContext) async throws -> Response {
        let scope = try context.communityScope()
        let filters = try ReportFilters(query: request.queryPairs)
        guard let engagement = catalog.entry(named: "engagement") else { throw DashboardError(.notFound, "no engagement report") }
        let built = try await built(engagement, filters: filters, scope: scope)
        var facts: [String: ReportDocument.Fact] = [:]
        for section in built.document.sections {
            if case .facts(let list) = section.content { for fact in list { facts[section.key + "." + fact.key] = fact } }
        }
        let headline = Self.headlineKeys.compactMap { key in
            facts[key].map { ["key": key, "label": $0.label.trimmingCharacters(in: .whitespaces), "display": $0.value.display, "raw": $0.value.raw] }
        }
        let query = filters.queryString
        let linkQuery = scope.query(query)
        let charts = built.figures.prefix(3).joined()
        let channels = try await scope.store.spaceNames()
        let body = pages.fragment(
            "overview",
            [
                "heading": scope.visible.count > 1 ? "Community overview: \(scope.community.name)" : "Community overview",
                "subtitle": built.document.subtitle,
                "filters": pages.filters(
                    action: "/", filters: filters, channels: channels, segments: config.segments.map(\.name), scope: scope),
                "headline": headline, "charts": charts,
                "reports": catalog.entries.map { ["name": $0.name, "title": $0.title, "abstract": $0.abstract, "query": linkQuery] },
                "channelLinks": channels.map { ["name": $0, "encoded": URLText.encode($0), "query": linkQuery] },
            ], scope: scope)
        return html(pages.page(title: "Overview", body: body, context: context, query: query))
    }

    func reportPage(request: Request, context: DashboardContext) async throws -> Response {
        let scope = try context.communityScope()
        let entry = try entry(context)
        let filters = try ReportFilters(query: request.queryPairs)
        let built = try await built(entry, filters: filters, scope: scope)
        let query = filters.queryString
        // Content and events read --channel as a tag: offer their tags instead of chat channels.
        var choices: [String]? = nil
        if let tags = entry.tagChoices { choices = try await tags(scope.store) }
        let channels: [String]
        if let choices { channels = choices } else { channels = try await scope.store.spaceNames() }
        let body = pages.fragment(
            "report",
            [
                "heading": built.document.title, "subtitle": built.document.subtitle, "name": entry.name,
                "query": scope.query(query),
                "filters": pages.filters(
                    action: "/reports/" + entry.name, filters: filters,
                    channels: channels, segments: config.segments.map(\.name), byTag: choices != nil, scope: scope),
                "body": built.html,
            ], scope: scope)
        return html(pages.page(title: entry.title, body: body, context: context, query: query))
    }

    /// The engagement report of one channel.
    func channelPage(request: Request, context: DashboardContext) async throws -> Response {
        let scope = try context.communityScope()
        let name = context.parameters.get("name") ?? ""
        var filters = try ReportFilters(query: request.queryPairs)
        filters.channels = [name]
        guard let engagement = catalog.entry(named: "engagement") else { throw DashboardError(.notFound, "no engagement report") }
        let built = try await built(engagement, filters: filters, scope: scope)
        let body = pages.fragment(
            "report",
            [
                "heading": "#" + name, "subtitle": built.document.subtitle, "name": "engagement",
                "query": scope.query(filters.queryString),
                "filters": pages.filters(
                    action: "/channels/" + URLText.encode(name), filters: filters, channels: [], segments: config.segments.map(\.name),
                    scope: scope),
                "body": built.html,
            ], scope: scope)
        return html(pages.page(title: "#" + name, body: body, context: context))
    }

    func membersPage(request: Request, context: DashboardContext) async throws -> Response {
        let scope = try context.communityScope()
        let list = try await memberList(request: request, context: context)
        let search = list.search ?? ""
        func link(_ page: Int) -> String {
            var parts = ["page=\(page)"]
            if !search.isEmpty { parts.insert("q=" + URLText.encode(search), at: 0) }
            if list.perPage != 50 { parts.append("per_page=\(list.perPage)") }
            if !scope.parameter.isEmpty { parts.insert(scope.parameter, at: 0) }
            return parts.joined(separator: "&")
        }
        let showEmail = context.account?.role == .admin
        let body = pages.fragment(
            "members",
            [
                "search": search, "showEmail": showEmail, "page": list.page,
                "summary": "\(ValueFormat.grouped(list.total)) members\(search.isEmpty ? "" : " matching “\(search)”"), by posts.",
                "rows": list.members.map { entry -> [String: Any] in
                    [
                        "memberID": entry.memberID, "name": entry.name, "handle": entry.handle, "title": entry.title ?? "",
                        "email": entry.email ?? "", "showEmail": showEmail, "posts": ValueFormat.grouped(entry.posts),
                        "replies": ValueFormat.grouped(entry.replies), "reactionsReceived": ValueFormat.grouped(entry.reactionsReceived),
                        "firstSeen": entry.firstSeen ?? "–", "lastSeen": entry.lastSeen ?? "–",
                    ]
                },
                "previous": list.page > 1 ? link(list.page - 1) : "",
                "next": list.page * list.perPage < list.total ? link(list.page + 1) : "",
            ], scope: scope)
        return html(pages.page(title: "Members", body: body, context: context))
    }

    func memberPage(request: Request, context: DashboardContext) async throws -> Response {
        let profile = try await memberProfile(context: context)
        var reach: [String: Any] = [:]
        if let written = profile.reach {
            reach = [
                "pageViews": ValueFormat.grouped(written.pageViews), "readers": ValueFormat.grouped(written.readers),
                "count": written.items.count,
                "items": written.items.map {
                    ["title": $0.title, "path": $0.path, "published": $0.published ?? "–", "pageViews": ValueFormat.grouped($0.pageViews), "readers": ValueFormat.grouped($0.readers)]
                },
            ]
        }
        var values: [String: Any] = [
            "name": profile.name, "handle": profile.handle, "title": profile.title as Any, "platform": profile.platform,
            "isBot": profile.isBot, "isDeleted": profile.isDeleted, "isAdmin": profile.isAdmin, "email": profile.email as Any,
            "firstSeen": profile.firstSeen ?? "–", "lastSeen": profile.lastSeen ?? "–",
            "posts": ValueFormat.grouped(profile.posts), "replies": ValueFormat.grouped(profile.replies),
            "reactionsGiven": ValueFormat.grouped(profile.reactionsGiven),
            "reactionsReceived": ValueFormat.grouped(profile.reactionsReceived),
            "channels": profile.channels.map {
                ["channel": $0.channel, "platform": $0.platform, "encoded": URLText.encode($0.channel), "posts": ValueFormat.grouped($0.posts)]
            },
            "recent": profile.recent.map { ["time": $0.time, "platform": $0.platform, "channel": $0.channel, "kind": $0.kind, "excerpt": $0.excerpt] },
            "accounts": profile.accounts.map {
                [
                    "platform": $0.platform, "workspace": $0.workspace, "handle": $0.handle,
                    "name": $0.name + ($0.isDeleted ? " (deleted)" : $0.isBot ? " (bot)" : ""),
                    "linkedBy": $0.linkedBy.isEmpty ? "first account" : $0.linkedBy,
                ]
            },
            "platforms": profile.platforms.map {
                [
                    "platform": $0.platform, "first": $0.firstActivity ?? "–", "last": $0.lastActivity ?? "–",
                    "posts": ValueFormat.grouped($0.posts), "activities": ValueFormat.grouped($0.activities),
                ]
            },
        ]
        if !reach.isEmpty { values["reach"] = reach }
        if !profile.segments.isEmpty { values["segments"] = profile.segments.joined(separator: ", ") }
        let body = pages.fragment("member", values, scope: try context.communityScope())
        return html(pages.page(title: profile.name, body: body, context: context))
    }

    // MARK: Shared by pages and API

    func memberList(request: Request, context: DashboardContext) async throws -> MemberList {
        let page = try request.pageNumber()
        var perPage = 50
        if let raw = request.uri.queryParameters.get("per_page"), !raw.isEmpty {
            guard let value = Int(raw), (1...200).contains(value) else {
                throw DashboardError.badParameter("per_page", raw, expected: "a whole number from 1 to 200")
            }
            perPage = value
        }
        let search: String? = request.uri.queryParameters.get("q").map { String($0).trimmingCharacters(in: .whitespaces) }
        guard (search ?? "").count <= 200 else { throw DashboardError.badParameter("q", search ?? "", expected: "at most 200 characters") }
        let scope = try context.communityScope()
        let store = scope.store
        let all = try await directory.value(community: scope.community.id, view: search ?? "", generation: try await store.generation()) {
            MemberDirectory.list(snapshot: try await store.snapshot(ActivityQuery()), search: search, limit: .max)
        }
        var members = Array(all.dropFirst((page - 1) * perPage).prefix(perPage))
        if context.account?.role == .admin {
            let emails = try await store.emails(ofMembers: members.map { (entry: MemberDirectory.Entry) in entry.memberID })
            for index in members.indices { members[index].email = emails[members[index].memberID] }
        }
        return MemberList(members: members, page: page, perPage: perPage, total: all.count, search: search)
    }

    func memberProfile(context: DashboardContext) async throws -> MemberProfile {
        let raw = context.parameters.get("id") ?? ""
        guard let id = Int64(raw), id > 0 else {
            throw DashboardError(.badRequest, "'\(raw.prefix(40))' is not a member id: expected a whole number (from the members list).")
        }
        let store = try context.communityScope().store
        guard var profile = try await MemberProfile.load(store: store, memberID: id, config: config) else {
            throw DashboardError(.notFound, "No member with id \(id).")
        }
        if context.account?.role == .admin { profile.email = try await store.emails(ofMembers: [id])[id] }
        return profile
    }
}

/// A page of the member directory, as the API returns it.
public struct MemberList: Codable, Sendable {
    public var members: [MemberDirectory.Entry]
    public var page: Int
    public var perPage: Int
    public var total: Int
    public var search: String?
}
