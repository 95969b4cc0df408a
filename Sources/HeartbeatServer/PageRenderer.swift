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

    func fragment(_ template: String, _ values: [String: Any]) -> String {
        library.render(values, withTemplate: template) ?? ""
    }

    /// A whole page: `body` inside the layout; navigation only when someone is signed in.
    func page(title: String, body: String, context: DashboardContext, query: String = "") -> String {
        var values: [String: Any] = ["title": title, "body": body]
        if let account = context.account {
            values["account"] = [
                "name": account.name, "role": account.role.rawValue, "csrf": context.session?.csrfToken ?? "",
                "query": query.isEmpty ? "" : "?" + query,
                "reports": catalog.entries.map { ["name": $0.name, "title": $0.title] },
            ] as [String: Any]
        }
        return fragment("layout", values)
    }

    /// The filter form, with the current values selected.
    /// `byTag`: the report reads `channel` as a tag (content, events), and `channels` are tags.
    func filters(action: String, filters: ReportFilters, channels: [String], segments: [String], byTag: Bool = false) -> String {
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
            ])
    }
}
