import ArgumentParser
import HeartbeatCore
import HeartbeatReport
import HeartbeatStore

struct GuidelinesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guidelines",
        abstract: "Versions of the contributor guidelines and who accepted which.",
        discussion: """
            The newest published version is the current one; report contributors lists active
            contributors who have not accepted it.
              heartbeat guidelines publish 2.0 --on 2026-10-01 --url https://example.org/contribute
              heartbeat guidelines accept @alice            # the current version
              heartbeat guidelines list
            """,
        subcommands: [Publish.self, Accept.self, List.self])

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "publish", abstract: "Record a new version of the guidelines.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The version's name (2.0, 2026-10).") var version: String
        @Option(help: "Publication day, YYYY-MM-DD (default: today, UTC).") var on: CivilDate?
        @Option(help: "Where the guidelines can be read.") var url: String?

        func run() async throws {
            let database = try await store.open()
            let published = try await database.publishGuidelines(
                version: version, published: on ?? CivilDate(dayNumber: Timestamp.now.dayNumber), url: url)
            print("Guidelines \(published.version) published \(published.published).")
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "accept", abstract: "Record that a member accepted a version (default: the current one).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The member: @handle, name, e-mail or member id.") var member: String
        @Option(help: "The version accepted (default: the newest).") var version: String?
        @Option(help: "When, YYYY-MM-DD or YYYY-MM-DDTHH:MMZ (default: now).") var at: Timestamp?

        func run() async throws {
            let database = try await store.open()
            let versions = try await database.guidelineVersions()
            guard let chosen = version ?? versions.last?.version else {
                throw ContributorError.unknownVersion(version ?? "", known: [])
            }
            let ref = try await database.resolveMember(member)
            let acceptance = try await database.acceptGuidelines(memberID: ref.id, version: chosen, at: at ?? .now)
            print("\(ref.label) accepted guidelines \(acceptance.version) (\(acceptance.at.isoDateTime)).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the versions with how many accepted each.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Output: table, markdown, csv or json.") var format: ReportFormat?

        func run() async throws {
            let database = try await store.open()
            let versions = try await database.guidelineVersions()
            typealias Column = ReportDocument.Column
            let document = ReportDocument(
                title: "Heartbeat contributor guidelines", subtitle: versions.last.map { "current: \($0.version)" } ?? "none published",
                sections: [
                    .init(
                        title: "Versions", key: "versions",
                        content: .table(
                            columns: [
                                Column("Version", key: "version", alignRight: false),
                                Column("Published", key: "published", alignRight: false), Column("Accepted by", key: "accepted_by"),
                                Column("URL", key: "url", alignRight: false),
                            ],
                            rows: versions.map { [.text($0.version), .text($0.published.description), .int($0.acceptedBy), .text($0.url ?? "")] }))
                ])
            try ReportRunner.emit(versions, document: document, format: format ?? .forStandardOutput)
        }
    }
}
