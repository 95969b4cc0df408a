import ArgumentParser
import HeartbeatCore
import HeartbeatStore
import HeartbeatReport

struct SubmissionsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List submissions, newest first, with filters.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Only this state (repeat for several).") var state: [SubmissionState] = []
    @Option(help: "Only with this tag (repeat: any of them).") var tag: [String] = []
    @Option(help: "Only this kind (repeat for several).") var kind: [SubmissionKind] = []
    @Option(help: "Only by this author.") var author: String?
    @Option(help: "Only with this editor.") var editor: String?
    @Option(help: "Only those in their state for more than this many days (and not final).") var stale: Int?
    @Flag(help: "Only open ones (not published, declined or withdrawn).") var open = false
    @Option(help: "Output: table, markdown, csv or json.") var format: ReportFormat?

    func run() async throws {
        let database = try await store.open()
        var filter = SubmissionFilter()
        filter.states = state
        filter.tags = tag
        filter.kinds = kind
        filter.staleDays = stale
        filter.openOnly = open
        if let author { filter.authorID = try await database.resolveMember(author).id }
        if let editor { filter.editorID = try await database.resolveMember(editor).id }
        let now = Timestamp.now
        let shown = try await database.submissions().filter { filter.matches($0, now: now) }
        typealias Column = ReportDocument.Column
        let document = ReportDocument(
            title: "Heartbeat submissions", subtitle: "\(shown.count) shown, newest first",
            sections: [
                .init(
                    title: "Submissions", key: "submissions",
                    content: .table(
                        columns: [
                            Column("#", key: "id"), Column("Title", key: "title", alignRight: false),
                            Column("Kind", key: "kind", alignRight: false), Column("State", key: "state", alignRight: false),
                            Column("Days in state", key: "days_in_state"), Column("Author", key: "author", alignRight: false),
                            Column("Editor", key: "editor", alignRight: false), Column("Tags", key: "tags", alignRight: false),
                        ],
                        rows: shown.map {
                            [
                                .int(Int($0.id)), .text($0.title), .text($0.kind.rawValue), .text($0.state.rawValue),
                                .decimal($0.daysInState(at: now)),
                                .text($0.author.label), .text($0.editor?.label ?? "–"), .text($0.tags.joined(separator: ", ")),
                            ]
                        }))
            ])
        try ReportRunner.emit(shown, document: document, format: format ?? .forStandardOutput)
    }
}

struct SubmissionsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One submission with its whole history.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The submission number.") var id: SubmissionID
    @Option(help: "Output: table, markdown, csv or json.") var format: ReportFormat?

    struct Detail: Encodable {
        var submission: Submission
        var history: [SubmissionEvent]
    }

    func run() async throws {
        let database = try await store.open()
        guard let submission = try await database.submission(id: id.value) else {
            throw ContributorError.unknownSubmission(id.value)
        }
        let history = try await database.submissionEvents(of: id.value)
        typealias Column = ReportDocument.Column
        typealias Fact = ReportDocument.Fact
        let document = ReportDocument(
            title: "#\(submission.id) \(submission.title)", subtitle: "\(submission.kind.rawValue) by \(submission.author.label)",
            sections: [
                .init(
                    title: "Submission", key: "submission",
                    content: .facts([
                        Fact("State", key: "state", .text(submission.state.rawValue)),
                        Fact("Since", key: "state_since", .text(submission.stateSince.isoDateTime)),
                        Fact("Next", key: "allowed_next", .text(submission.state.allowedNext.map(\.rawValue).joined(separator: ", "))),
                        Fact("Author", key: "author", .text(submission.author.label)),
                        Fact("Editor", key: "editor", .text(submission.editor?.label ?? "–")),
                        Fact("Tags", key: "tags", .text(submission.tags.joined(separator: ", "))),
                        Fact("Summary", key: "summary", .text(submission.summary)),
                        Fact("URL", key: "url", .text(submission.url ?? "–")),
                    ])),
                .init(
                    title: "History", key: "history",
                    content: .table(
                        columns: [
                            Column("When", key: "at", alignRight: false), Column("Change", key: "change", alignRight: false),
                            Column("By", key: "actor", alignRight: false), Column("Comment", key: "comment", alignRight: false),
                        ],
                        rows: history.map { [.text($0.at.isoDateTime), .text($0.change), .text($0.actor), .text($0.comment)] })),
            ])
        try ReportRunner.emit(Detail(submission: submission, history: history), document: document, format: format ?? .forStandardOutput)
    }
}
