import ArgumentParser
import HeartbeatCore
import HeartbeatStore
import HeartbeatImport

struct SubmissionsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add or update submissions from a CSV (a team moving from a spreadsheet).",
        discussion: """
            A header row names the columns (case and spacing ignored): title and author (required);
            id (the sheet's own id; re-importing updates rather than duplicates), summary, tags
            (separated by , ; or |), kind, state, editor, created, updated (when the state was
            reached), url. Dates YYYY-MM-DD or YYYY-MM-DD HH:MM (UTC).
            All rows are checked first; any problem (with its line number) stops the import and
            nothing is stored. A state set by an import may skip states; it is recorded as such.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Add authors and editors no member matches as members known only to the program.")
    var createMembers = false
    @Option(help: "Who imports, for the history (default: the file name).") var by: String?

    func run() async throws {
        let sheet = try SubmissionSheet.read(file: file)
        let database = try await store.open()
        var resolved: [String: MemberRef] = [:]
        var unknown = Set<String>()
        var problems: [String] = []
        // Resolve every member first: one unknown name stops the import before anything is stored.
        for row in sheet.rows {
            for name in [row.author] + (row.editor.map { [$0] } ?? []) {
                let key = name.lowercased()
                guard resolved[key] == nil, !unknown.contains(key) else { continue }
                let found = try await database.findMembers(matching: name)
                if found.count == 1 {
                    resolved[key] = found[0]
                } else if found.isEmpty && createMembers {
                    unknown.insert(key)
                } else {
                    do {
                        _ = try await database.resolveMember(name)  // only for its message
                    } catch let error as ContributorError {
                        problems.append("line \(row.line): \(error.message)")
                    }
                }
            }
        }
        if !problems.isEmpty {
            throw ValidationError(
                "\(file): \(problems.count) member name\(problems.count == 1 ? "" : "s") cannot be resolved; nothing was stored "
                    + "(--create-members adds unknown ones):\n  " + problems.prefix(50).joined(separator: "\n  "))
        }
        var created = 0
        for row in sheet.rows {
            for name in [row.author] + (row.editor.map { [$0] } ?? []) where resolved[name.lowercased()] == nil {
                resolved[name.lowercased()] = try await database.addProgramMember(name: name.hasPrefix("@") ? String(name.dropFirst()) : name)
                created += 1
            }
        }
        let actor = by ?? "import: " + (file.split(separator: "/").last.map(String.init) ?? file)
        let rows = sheet.rows.map { row in
            NewSubmission(
                kind: row.kind, title: row.title, summary: row.summary, tags: row.tags,
                authorID: resolved[row.author.lowercased()]!.id, editorID: row.editor.map { resolved[$0.lowercased()]!.id },
                state: row.state, createdAt: row.created, stateSince: row.stateSince, url: row.url, externalKey: row.key,
                actor: actor, comment: "imported from \(file) line \(row.line)")
        }
        let summary = try await database.importSubmissions(rows)
        print(
            "\(file): \(summary.added) added, \(summary.updated) updated, \(summary.unchanged) unchanged"
                + (created > 0 ? "; \(created) new program-only member\(created == 1 ? "" : "s")" : "") + ".")
    }
}
