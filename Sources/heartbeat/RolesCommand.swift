import ArgumentParser
import HeartbeatCore
import HeartbeatReport
import HeartbeatStore

struct RolesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roles",
        abstract: "Roles members hold in the contributor program, with start and end dates.",
        discussion: """
            Built-in roles: \(RoleGrant.builtInRoles.joined(separator: ", ")). Add more in heartbeat.toml:
              [contributors]
              roles = ["translator", "mentor"]
            Examples:
              heartbeat roles grant @alice beta-tester --from 2026-09-01
              heartbeat roles revoke @alice beta-tester --on 2026-12-01
              heartbeat roles list --role evangelist
            """,
        subcommands: [Grant.self, Revoke.self, List.self])

    static func knownRole(_ text: String, settings: HeartbeatConfig) throws -> String {
        let role = RoleGrant.normalizedRole(text)
        guard settings.contributors.allRoles.contains(role) else {
            throw ContributorError.unknownRole(text, known: settings.contributors.allRoles)
        }
        return role
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "grant", abstract: "Grant a role from a date (default today).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var config: ConfigOptions
        @Argument(help: "The member: @handle, name, e-mail or member id.") var member: String
        @Argument(help: "The role.") var role: String
        @Option(help: "First day held, YYYY-MM-DD (default: today, UTC).") var from: CivilDate?
        @Option(help: "A note kept with the grant.") var note: String = ""
        @Flag(help: "Add the member as known only to the program when no member matches.") var newMember = false

        func run() async throws {
            let settings = try config.load(besideDatabase: store.location)
            let role = try RolesCommand.knownRole(self.role, settings: settings)
            let database = try await store.open()
            let ref = try await database.resolveMember(member, creatingIfUnknown: newMember)
            let grant = try await database.grantRole(
                memberID: ref.id, role: role, starts: from ?? CivilDate(dayNumber: Timestamp.now.dayNumber), note: note)
            print("\(ref.label) holds \(role) since \(grant.starts).")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "End a role (the given day is the first no longer held).")
        @OptionGroup var store: StoreOptions
        @OptionGroup var config: ConfigOptions
        @Argument(help: "The member.") var member: String
        @Argument(help: "The role.") var role: String
        @Option(help: "First day no longer held, YYYY-MM-DD (default: today, UTC).") var on: CivilDate?

        func run() async throws {
            let settings = try config.load(besideDatabase: store.location)
            let role = try RolesCommand.knownRole(self.role, settings: settings)
            let database = try await store.open()
            let ref = try await database.resolveMember(member)
            let grant = try await database.revokeRole(
                memberID: ref.id, role: role, ends: on ?? CivilDate(dayNumber: Timestamp.now.dayNumber))
            print("\(ref.label) held \(role) from \(grant.starts) until \(grant.ends.map(\.description) ?? "?") (not included).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List role holders (current ones unless --all).")
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this role.") var role: String?
        @Flag(help: "Include ended grants.") var all = false
        @Option(help: "Output: table, markdown, csv or json.") var format: ReportFormat?

        func run() async throws {
            let database = try await store.open()
            let today = Timestamp.now.dayNumber
            let wanted = role.map(RoleGrant.normalizedRole)
            let grants = try await database.roleGrants().filter { grant in
                (wanted == nil || grant.role == wanted) && (all || grant.overlaps(fromDay: today, toDay: today + 1))
            }
            typealias Column = ReportDocument.Column
            let document = ReportDocument(
                title: "Heartbeat roles", subtitle: all ? "all grants" : "held today",
                sections: [
                    .init(
                        title: "Roles", key: "roles",
                        content: .table(
                            columns: [
                                Column("Role", key: "role", alignRight: false), Column("Member", key: "member", alignRight: false),
                                Column("From", key: "starts", alignRight: false), Column("Until", key: "ends", alignRight: false),
                                Column("Note", key: "note", alignRight: false),
                            ],
                            rows: grants.map {
                                [.text($0.role), .text($0.member.label), .text($0.starts.description), .text($0.ends?.description ?? "–"), .text($0.note)]
                            }))
                ])
            try ReportRunner.emit(grants, document: document, format: format ?? .forStandardOutput)
        }
    }
}
