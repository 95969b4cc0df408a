import Foundation
import HeartbeatAnalytics
import HeartbeatCore

/// Every report by name, with what a front end needs to offer it: how to build it from a store,
/// its JSON, its document (for tables, charts and HTML) and the JSON Schema of its output. The
/// dashboard's pages, its API and its OpenAPI document are generated from this list, so a new
/// report plugs in here and nowhere in the server.
public struct ReportCatalog: Sendable {
    public struct Entry: Sendable {
        /// The URL and command name (`engagement`).
        public var name: String
        public var title: String
        public var abstract: String
        /// Builds the report for a request: its JSON (snake_case keys, as `--format json`) and document.
        public var build: @Sendable (any CommunityStore, ReportRequest, HeartbeatConfig) async throws -> Built
        /// The JSON Schema of the report's JSON, derived from the Swift type.
        public var schema: @Sendable () throws -> JSONValue
        /// For reports whose `--channel` means a tag (content, events): the tags to offer. Nil
        /// when `--channel` means a chat channel.
        public var tagChoices: (@Sendable (any CommunityStore) async throws -> [String])?

        init<Report: Codable & Sendable>(
            name: String, title: String, abstract: String, type: Report.Type,
            build: @escaping @Sendable (any CommunityStore, ReportRequest, HeartbeatConfig) async throws -> Report,
            document: @escaping @Sendable (Report) -> ReportDocument,
            tagChoices: (@Sendable (any CommunityStore) async throws -> [String])? = nil
        ) {
            self.tagChoices = tagChoices
            self.name = name
            self.title = title
            self.abstract = abstract
            self.build = { store, request, config in
                let report = try await build(store, request, config)
                let layout = document(report)
                return Built(
                    json: try JSONRenderer.render(report), document: layout, html: HTMLRenderer.body(layout),
                    figures: layout.charts.map(HTMLRenderer.figure))
            }
            self.schema = { try JSONSchemaBuilder.schema(for: Report.self) }
        }
    }

    /// A built report in every shape a front end serves, rendered once (a server caches this).
    public struct Built: Sendable {
        public var json: String
        public var document: ReportDocument
        /// `HTMLRenderer.body(document)`: charts and sections.
        public var html: String
        /// Each chart as an HTML figure, in `document.charts` order.
        public var figures: [String]
    }

    public var entries: [Entry]

    public func entry(named name: String) -> Entry? { entries.first { $0.name == name } }

    /// The reports of this version, in the order the dashboard lists them.
    public static let standard = ReportCatalog(entries: [
        Entry(
            name: "engagement", title: "Engagement",
            abstract: "Members, participation, first-response times, channels, top members, weekly growth.",
            type: EngagementReport.self, build: { try await Engagement.report(store: $0, request: $1, config: $2) },
            document: { $0.document }),
        Entry(
            name: "influence", title: "Influence",
            abstract: "Who holds the community together (reply, mention and reaction graph) and who is aligned with the focus.",
            type: InfluenceReport.self, build: { try await Influence.report(store: $0, request: $1, config: $2) },
            document: { $0.document }),
        Entry(
            name: "organic", title: "Organic growth",
            abstract: "Real, active members versus bots, never-active sign-ups and join bursts.",
            type: OrganicReport.self, build: { try await Organic.report(store: $0, request: $1, config: $2) },
            document: { $0.document }),
        Entry(
            name: "retention", title: "Retention",
            abstract: "Monthly cohorts, and new, returning, reactivated and churned posters.",
            type: RetentionReport.self, build: { try await Retention.report(store: $0, request: $1, config: $2) },
            document: { $0.document }),
        Entry(
            name: "topics", title: "Topics",
            abstract: "What the community talks about, rising and falling terms, per channel.",
            type: TopicsReport.self, build: { try await Topics.report(store: $0, request: $1, config: $2) },
            document: { $0.document }),
        Entry(
            name: "segments", title: "Segments",
            abstract: "Every engagement figure side by side for the segments of heartbeat.toml.",
            type: SegmentsReport.self, build: { try await Segments.report(store: $0, request: $1, config: $2) },
            document: { $0.document }),
        Entry(
            name: "activity", title: "Activity pattern",
            abstract: "Hour-of-week heatmaps and the best slot for a live event.",
            type: ActivityReport.self, build: { try await ActivityPattern.report(store: $0, request: $1, config: $2) },
            document: { $0.document }),
        Entry(
            name: "responsiveness", title: "Responsiveness",
            abstract: "Team versus community first answers against the service level.",
            type: ResponsivenessReport.self,
            build: { try await Responsiveness.report(store: $0, request: $1, config: $2) },
            document: { $0.document }),
        Entry(
            name: "funnel", title: "Contributor funnel",
            abstract: "From chat to code: members, posted, answered others, opened an issue or PR, merged; first-time contributors.",
            type: FunnelReport.self, build: { try await Funnel.report(store: $0, request: $1, config: $2) },
            document: { $0.document }),
        Entry(
            name: "contributors", title: "Contributors",
            abstract: "The contributor program: submissions by state, overdue work, roles, new and quiet contributors, guidelines.",
            type: ContributorsReport.self, build: { try await Contributors.report(store: $0, request: $1, config: $2) },
            document: { $0.document }),
        Entry(
            name: "content", title: "Content",
            abstract: "Page views, visitors, visits, bounce rate, new versus returning readers, per item, tag and author.",
            type: ContentReport.self, build: { try await Readership.report(store: $0, request: $1, config: $2) },
            document: { $0.document },
            tagChoices: { store in
                Array(Set(try await (store as? any ContentStore)?.contentItems().flatMap(\.tags) ?? [])).sorted()
            }),
        Entry(
            name: "events", title: "Events",
            abstract: "Registrations, attendance, NPS and ratings per event, and attendees who become active members.",
            type: EventsReport.self, build: { try await EventAnalytics.report(store: $0, request: $1, config: $2) },
            document: { $0.document },
            tagChoices: { store in Array(Set(try await (store as? any EventStore)?.events().flatMap(\.tags) ?? [])).sorted() }),
        Entry(
            name: "overlaps", title: "Overlaps",
            abstract: "Open submissions that look like the same work, most similar first (not period-bound).",
            type: OverlapsReport.self,
            build: { store, _, config in
                guard let program = store as? any ContributorStore else {
                    throw AnalyticsError("this store does not hold the contributor program.")
                }
                return try await Overlaps.report(store: program, config: config)
            },
            document: { $0.document }),
    ])
}
