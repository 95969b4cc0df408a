import ArgumentParser
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatReport
import HeartbeatStore

/// `heartbeat identities`: see and correct which accounts are one person.
struct IdentitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identities",
        abstract: "Which accounts are one person: list the evidence, merge or split by hand.",
        discussion: """
            After every import Heartbeat joins accounts that are one person: the same e-mail address (unless a
            role address such as info@ or an address two accounts of one workspace share), the same GitHub login
            (a GitHub account and a chat profile naming github.com/<login>), the same account id in two exports
            of Discord, Telegram or GitHub. Bots are never joined; names alone never join anyone.
            Your decisions are kept and obeyed by every later import:
              heartbeat identities list                       # people with several accounts, and why
              heartbeat identities list --unmerged-similar    # similar names, not joined: for you to decide
              heartbeat identities merge @alice "Alice A."    # these two are one person
              heartbeat identities split discord:alice        # this account is someone else
            """,
        subcommands: [List.self, Merge.self, Split.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", 
            abstract: "People with several accounts and the evidence; or, with --unmerged-similar, candidates.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "List pairs of people with similar names that are not joined, strongest first.")
        var unmergedSimilar = false
        @Option(help: "At most this many rows.") var limit: Int = 100
        @Option(help: "Output: table, markdown, csv or json.") var format: ReportFormat?

        func run() async throws {
            let database = try await store.open()
            let records = try await database.identityRecords()
            typealias Column = ReportDocument.Column
            if unmergedSimilar {
                let candidates = Array(
                    IdentityCandidates.similar(records, decisions: try await database.identityDecisions()).prefix(limit))
                let document = ReportDocument(
                    title: "Heartbeat: people who may be one", subtitle: "\(candidates.count) pairs by similar names; "
                        + "join with `heartbeat identities merge #A #B`",
                    sections: [
                        .init(
                            title: "Candidates", key: "candidates",
                            content: .table(
                                columns: [
                                    Column("Person", key: "a", alignRight: false), Column("Person", key: "b", alignRight: false),
                                    Column("Why", key: "reason", alignRight: false),
                                ],
                                rows: candidates.map { [.text($0.labelA), .text($0.labelB), .text($0.reason)] }))
                    ])
                try ReportRunner.emit(candidates, document: document, format: format ?? .forStandardOutput)
                return
            }
            let resolution = try await database.identityResolution()
            let byID = Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
            let linkOf = resolution.linkByIdentity()
            let people = resolution.groups.filter { $0.count > 1 }.prefix(limit)
            var rows: [[ReportDocument.Cell]] = []
            var json: [PersonAccounts] = []
            for group in people {
                let accounts = group.compactMap { byID[$0] }
                guard let first = accounts.first else { continue }
                json.append(
                    PersonAccounts(
                        memberID: first.memberID, name: first.displayName,
                        accounts: accounts.map { "\($0.label) (\($0.workspaceName))" },
                        evidence: group.compactMap { linkOf[$0]?.description }))
                for (offset, account) in accounts.enumerated() {
                    rows.append([
                        .text(offset == 0 ? "#\(account.memberID) \(first.displayName)" : ""), .text(account.label),
                        .text(account.workspaceName), .text(offset == 0 ? "first account" : linkOf[account.id]?.description ?? "joined"),
                    ])
                }
            }
            var sections: [ReportDocument.Section] = [
                .init(
                    title: "People with several accounts", key: "people",
                    content: .table(
                        columns: [
                            Column("Person", key: "person", alignRight: false), Column("Account", key: "account", alignRight: false),
                            Column("Workspace", key: "workspace", alignRight: false),
                            Column("Joined by", key: "joined_by", alignRight: false),
                        ], rows: rows))
            ]
            if !resolution.refusals.isEmpty {
                sections.append(
                    .init(
                        title: "Evidence not used", key: "refused",
                        content: .table(
                            columns: [
                                Column("Rule", key: "rule", alignRight: false), Column("Evidence", key: "evidence", alignRight: false),
                                Column("Why not", key: "reason", alignRight: false),
                            ],
                            rows: resolution.refusals.map { [.text($0.rule.rawValue), .text($0.evidence), .text($0.reason)] })))
            }
            let persons = resolution.groups.count
            let document = ReportDocument(
                title: "Heartbeat identities",
                subtitle: "\(records.count) accounts are \(persons) people; \(resolution.groups.filter { $0.count > 1 }.count) have several accounts",
                sections: sections)
            try ReportRunner.emit(json, document: document, format: format ?? .forStandardOutput)
        }
    }

    struct PersonAccounts: Encodable {
        var memberID: Int64
        var name: String
        var accounts: [String]
        var evidence: [String]
    }

    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "merge", 
            abstract: "Make two people one (kept across re-imports).",
            discussion: "Each side is a #id, @handle, e-mail or name. The person keeps the older member id, with the contributor program's records of both.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The first person.") var first: String
        @Argument(help: "The second person.") var second: String

        func run() async throws {
            let database = try await store.open()
            let a = try await database.resolveMember(first)
            let b = try await database.resolveMember(second)
            guard a.id != b.id else {
                print("\(a.label) and \(b.label) are already one person (#\(a.id)).")
                return
            }
            let survivor = try await database.mergeMembers(a.id, b.id, at: .now)
            let accounts = try await database.identityRecords().filter { $0.memberID == survivor }
            print("Merged: #\(survivor) is now one person with \(accounts.count) account\(accounts.count == 1 ? "" : "s"): "
                + accounts.map(\.label).joined(separator: ", "))
        }
    }

    struct Split: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "split", 
            abstract: "Part one account from the person it was joined to (kept across re-imports).",
            discussion: """
                ACCOUNT is platform:handle or platform:id as `heartbeat member` lists it (discord:alice, github:alice-gh,
                slack:U123). No rule will join it to that person again, directly or through another account.
                """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account, platform:handle or platform:id.") var account: String

        func run() async throws {
            let database = try await store.open()
            let records = try await database.identityRecords()
            let record = try Self.find(account, in: records)
            let before = records.filter { $0.memberID == record.memberID }
            guard before.count > 1 else {
                print("\(record.label) is the only account of #\(record.memberID) \(record.displayName): nothing to split.")
                return
            }
            let member = try await database.splitIdentity(record.id, at: .now)
            print("Split: \(record.label) is now #\(member), apart from #\(record.memberID) "
                + "(\(before.filter { $0.id != record.id }.map(\.label).joined(separator: ", "))).")
        }

        static func find(_ text: String, in records: [IdentityRecord]) throws -> IdentityRecord {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            let platform = parts.count == 2 ? Platform(rawValue: parts[0].lowercased()) : nil
            var key = parts.count == 2 && platform != nil ? parts[1] : text
            if key.hasPrefix("@") { key.removeFirst() }
            let candidates = records.filter { platform == nil || $0.platform == platform }
            var found = candidates.filter { $0.externalID == key }
            if found.isEmpty { found = candidates.filter { $0.handle.lowercased() == key.lowercased() } }
            if found.count == 1 { return found[0] }
            if found.isEmpty {
                throw ValidationError("no account '\(text)'. Name it as platform:handle or platform:id; `heartbeat member NAME` lists a person's accounts.")
            }
            throw ValidationError("'\(text)' names \(found.count) accounts (\(found.map { "\($0.label) in \($0.workspaceName)" }.joined(separator: ", "))); use platform:id.")
        }
    }
}
