import ArgumentParser
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatReport
import HeartbeatStore

/// `heartbeat member NAME`: one person across every platform.
struct MemberCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "member",
        abstract: "Show one person across platforms: accounts, activity per platform, channels, segments, timeline.",
        discussion: """
            NAME is a member id (#12), a handle (@alice), an e-mail address, or a display or real name.
            Accounts joined by identity resolution are one person; each shows the evidence that joined it
            (same e-mail, same GitHub login, same account, merged by hand).
            Examples:
              heartbeat member @alice
              heartbeat member "Alice Admin" --recent 30 --format json
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions

    @Argument(help: "The person: #id, @handle, e-mail or name.")
    var name: String

    @Option(help: "How many of the latest activities to list.")
    var recent: Int = 15

    @Option(help: "Output: table, markdown, csv, json or html.")
    var format: ReportFormat?

    func run() async throws {
        let settings = try config.load(besideDatabase: store.location)
        let database = try await store.open()
        let ref = try await database.resolveMember(name)
        guard let profile = try await MemberProfile.load(store: database, memberID: ref.id, recentCount: recent, config: settings)
        else { throw ValidationError("\(ref.label) has no platform account yet (known only to the contributor program).") }
        try ReportRunner.emit(profile, document: Self.document(profile), format: format ?? .forStandardOutput)
    }

    static func document(_ profile: MemberProfile) -> ReportDocument {
        typealias Column = ReportDocument.Column
        typealias Fact = ReportDocument.Fact
        var facts = [
            Fact("Member", key: "member_id", .text("#\(profile.memberID)")),
            Fact("Name", key: "name", .text(profile.name)),
            Fact("First seen", key: "first_seen", .text(profile.firstSeen ?? "–")),
            Fact("Last seen", key: "last_seen", .text(profile.lastSeen ?? "–")),
            Fact("Posts", key: "posts", .int(profile.posts)),
            Fact("Replies", key: "replies", .int(profile.replies)),
            Fact("Reactions given", key: "reactions_given", .int(profile.reactionsGiven)),
            Fact("Reactions received", key: "reactions_received", .int(profile.reactionsReceived)),
            Fact("Segments", key: "segments", .text(profile.segments.isEmpty ? "–" : profile.segments.joined(separator: ", "))),
        ]
        if let title = profile.title { facts.insert(Fact("Title", key: "title", .text(title)), at: 2) }
        return ReportDocument(
            title: "\(profile.name) across platforms",
            subtitle: "\(profile.accounts.count) account\(profile.accounts.count == 1 ? "" : "s") on "
                + Set(profile.accounts.map(\.platform)).sorted().joined(separator: ", "),
            sections: [
                .init(title: "Person", key: "person", content: .facts(facts)),
                .init(
                    title: "Accounts", key: "accounts", note: "Why each account is this person's: the evidence that joined it.",
                    content: .table(
                        columns: [
                            Column("Platform", key: "platform", alignRight: false),
                            Column("Workspace", key: "workspace", alignRight: false),
                            Column("Handle", key: "handle", alignRight: false),
                            Column("Name", key: "name", alignRight: false),
                            Column("Linked by", key: "linked_by", alignRight: false),
                        ],
                        rows: profile.accounts.map {
                            [
                                .text($0.platform), .text($0.workspace), .text("@" + $0.handle),
                                .text($0.name + ($0.isDeleted ? " (deleted)" : $0.isBot ? " (bot)" : "")),
                                .text($0.linkedBy.isEmpty ? "first account" : $0.linkedBy),
                            ]
                        })),
                .init(
                    title: "Per platform", key: "platforms",
                    content: .table(
                        columns: [
                            Column("Platform", key: "platform", alignRight: false),
                            Column("First activity", key: "first_activity", alignRight: false),
                            Column("Last activity", key: "last_activity", alignRight: false),
                            Column("Posts", key: "posts"), Column("Activities", key: "activities"),
                        ],
                        rows: profile.platforms.map {
                            [
                                .text($0.platform), .text($0.firstActivity ?? "–"), .text($0.lastActivity ?? "–"),
                                .int($0.posts), .int($0.activities),
                            ]
                        })),
                .init(
                    title: "Channels", key: "channels",
                    content: .table(
                        columns: [
                            Column("Channel", key: "channel", alignRight: false),
                            Column("Platform", key: "platform", alignRight: false), Column("Posts", key: "posts"),
                        ],
                        rows: profile.channels.map { [.text($0.channel), .text($0.platform), .int($0.posts)] })),
                .init(
                    title: "Latest activity", key: "recent",
                    content: .table(
                        columns: [
                            Column("Time", key: "time", alignRight: false),
                            Column("Platform", key: "platform", alignRight: false),
                            Column("Channel", key: "channel", alignRight: false),
                            Column("Kind", key: "kind", alignRight: false),
                            Column("Text", key: "excerpt", alignRight: false),
                        ],
                        rows: profile.recent.map {
                            [.text($0.time), .text($0.platform), .text($0.channel), .text($0.kind), .text($0.excerpt)]
                        })),
            ])
    }
}
