import ArgumentParser
import Foundation
import HeartbeatCore
import HeartbeatStore

struct CommunitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "communities",
        abstract: "The communities in a PostgreSQL database: add one, list them.",
        discussion: """
            A PostgreSQL database holds many communities, each apart from the others (its own
            workspaces, members, reports, contributor program). Every command takes --community NAME;
            without it, 'default'. A SQLite file holds one community: use one file per community.
              heartbeat communities add acme-devs --db postgres://heartbeat@db.internal/heartbeat
              heartbeat ingest acme-slack.zip --community acme-devs --db postgres://…
              heartbeat report engagement --community acme-devs --db postgres://…
            Dashboard viewers see only the communities granted to them (heartbeat users grant).
            """,
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a community (letters, digits, '-', '_', '.').")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The new community's name.") var name: String

        func run() async throws {
            guard StoreOpener.isPostgres(store.location) else {
                throw ValidationError(
                    "\(store.location) is a SQLite file, which holds one community. Use another file for another community, "
                        + "or a PostgreSQL database (--db postgres://…) for many in one place.")
            }
            let database = try await PostgresDatabase.open(url: store.location)
            defer { database.close() }
            let community = try await database.addCommunity(named: name)
            print("Added community '\(community.name)'. Import into it: heartbeat ingest EXPORT --community \(community.name)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the communities and what each holds.")
        @OptionGroup var store: StoreOptions
        @Option(help: "table or json.") var format: Format = .table

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

        struct Row: Encodable {
            var name: String
            var workspaces: Int
            var members: Int
            var activities: Int
        }

        func run() async throws {
            var rows: [Row] = []
            if StoreOpener.isPostgres(store.location) {
                let database = try await PostgresDatabase.open(url: store.location)
                defer { database.close() }
                for community in try await database.communities() {
                    let counts = try await database.store(community: community.name).counts()
                    rows.append(Row(name: community.name, workspaces: counts.workspaces, members: counts.members, activities: counts.activities))
                }
            } else {
                let counts = try await store.open().counts()
                rows.append(Row(name: Community.defaultName, workspaces: counts.workspaces, members: counts.members, activities: counts.activities))
            }
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(rows), as: UTF8.self))
            case .table:
                print("community\tworkspaces\tmembers\tactivities")
                for row in rows { print("\(row.name)\t\(row.workspaces)\t\(row.members)\t\(row.activities)") }
            }
        }
    }
}
