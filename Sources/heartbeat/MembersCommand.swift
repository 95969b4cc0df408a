import ArgumentParser
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatReport
import HeartbeatStore

extension MemberDirectory.Sort: ExpressibleByArgument {}

struct MembersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "List or search members with their whole-history counts.",
        discussion: """
            posts = messages and thread replies; reactions = reactions received from other persons.
            Examples:
              heartbeat members --search android
              heartbeat members --sort first-seen --limit 20 --format csv
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Only members whose name, handle or title contains this (case-insensitive).")
    var search: String?

    @Option(help: "Order: \(MemberDirectory.Sort.allCases.map(\.rawValue).joined(separator: ", ")).")
    var sort: MemberDirectory.Sort = .posts

    @Option(help: "At most this many members.")
    var limit: Int = 50

    @Flag(help: "Include bot accounts.")
    var bots = false

    @Option(name: .customLong("channel"), help: "Only activity in this channel (repeatable).")
    var channels: [String] = []

    @Option(help: "Only this platform.")
    var platform: Platform?

    @Option(help: "Output: table, markdown, csv or json.")
    var format: ReportFormat?

    func run() async throws {
        let database = try await store.open()
        let snapshot = try await database.snapshot(ActivityQuery(platform: platform, spaces: channels))
        let entries = MemberDirectory.list(
            snapshot: snapshot, search: search, includeBots: bots, sort: sort, limit: limit)
        typealias Column = ReportDocument.Column
        let document = ReportDocument(
            title: "Heartbeat members", subtitle: "\(entries.count) shown, sorted by \(sort.rawValue)",
            sections: [
                .init(
                    title: "Members", key: "members",
                    content: .table(
                        columns: [
                            Column("Member", key: "name", alignRight: false),
                            Column("Handle", key: "handle", alignRight: false),
                            Column("Title", key: "title", alignRight: false), Column("Posts", key: "posts"),
                            Column("Replies", key: "replies"), Column("Reactions", key: "reactions_received"),
                            Column("First seen", key: "first_seen", alignRight: false),
                            Column("Last seen", key: "last_seen", alignRight: false),
                            Column("Status", key: "status", alignRight: false),
                        ],
                        rows: entries.map {
                            [
                                .text($0.name), .text("@" + $0.handle), .text($0.title ?? ""), .int($0.posts),
                                .int($0.replies), .int($0.reactionsReceived), .text($0.firstSeen ?? "–"),
                                .text($0.lastSeen ?? "–"), .text($0.isBot ? "bot" : $0.isDeleted ? "deleted" : ""),
                            ]
                        }))
            ])
        try ReportRunner.emit(entries, document: document, format: format ?? .forStandardOutput)
    }
}
