import HeartbeatCore
import HeartbeatStore
import HeartbeatReport
import Mustache

/// Fills the Mustache templates (`Templates`) and wraps pages in the layout with the navigation.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let catalog: ReportCatalog

    init(catalog: ReportCatalog) throws {
        var library = MustacheLibrary()
        for (name, text) in Templates.all { try library.register(text, named: name) }
        self.library = library
        self.catalog = catalog
    }

    /// A template filled with `values`; with a `scope`, also the values that make its links and
    /// forms keep the community (`CommunityScope.templateValues`).
    func fragment(_ template: String, _ values: [String: Any], scope: CommunityScope? = nil) -> String {
        var values = values
        if let scope { values.merge(scope.templateValues) { own, _ in own } }
        return library.render(values, withTemplate: template) ?? ""
    }

    /// A whole page: `body` inside the layout; navigation only when someone is signed in, and the
    /// community switcher when the account may see more than one community. `query`: the page's
    /// filters (without `?`), kept by the navigation's report links.
    func page(title: String, body: String, context: DashboardContext, query: String = "") -> String {
        var values: [String: Any] = ["title": title, "body": body]
        if let account = context.account {
            var header: [String: Any] = [
                "name": account.name, "role": account.role.rawValue, "csrf": context.session?.csrfToken ?? "",
                "query": context.scope?.query(query) ?? (query.isEmpty ? "" : "?" + query),
                "reports": catalog.entries.map { ["name": $0.name, "title": $0.title] },
            ]
            if let scope = context.scope {
                values.merge(scope.templateValues) { own, _ in own }
                if scope.visible.count > 1 {
                    header["switcher"] = [
                        "action": scope.switchAction, "current": scope.community.name,
                        "options": scope.visible.map { ["name": $0.name, "selected": $0.id == scope.community.id] as [String: Any] },
                    ] as [String: Any]
                }
            }
            values["account"] = header
        }
        return fragment("layout", values)
    }

    /// The filter form, with the current values selected.
    /// `byTag`: the report reads `channel` as a tag (content, events), and `channels` are tags.
    func filters(
        action: String, filters: ReportFilters, channels: [String], segments: [String], byTag: Bool = false, scope: CommunityScope
    ) -> String {
        fragment(
            "filters",
            [
                "action": action, "since": filters.since?.description ?? "", "until": filters.until?.description ?? "",
                "all": filters.wholeHistory, "channelLabel": byTag ? "Tag" : "Channel", "channelAll": byTag ? "All tags" : "All channels",
                "channels": channels.map {
                    ["name": $0, "shown": byTag ? $0 : "#" + $0, "selected": filters.channels.contains($0)] as [String: Any]
                },
                "platforms": Platform.allCases.map { ["name": $0.rawValue, "selected": filters.platform == $0] as [String: Any] },
                "hasSegments": !segments.isEmpty,
                "segments": segments.map { ["name": $0, "selected": filters.segment == $0] as [String: Any] },
            ], scope: scope)
    }
}
