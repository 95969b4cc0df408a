import Foundation
import HeartbeatCore

/// A spreadsheet of submissions, for a team moving its contributor program from a spreadsheet.
///
/// A CSV with a header row. Columns are found by name (case and spacing ignored; first match
/// wins): `title` (required), `author` (required: handle, name, e-mail or member id), `id`/`key`
/// (the sheet's own id: a re-import updates that submission instead of adding one; without it
/// the key is the title and author), `summary`/`description`, `tags`/`labels` (separated by
/// commas, semicolons or `|`), `kind`/`type` (tutorial, talk, code, other), `state`/`status`,
/// `editor`, `created`/`pitched`/`date` (default: today), `updated`/`state since`/`since`, and
/// `url`/`link`. Dates as `YYYY-MM-DD` or `YYYY-MM-DD HH:MM` (UTC). Every row is checked before
/// anything is stored; all problems are reported with their line numbers.
public struct SubmissionSheet: Sendable {
    /// A row as read, with its members still as written.
    public struct Row: Sendable, Hashable {
        public var line: Int
        public var key: String
        public var title: String
        public var summary: String
        public var tags: [String]
        public var kind: SubmissionKind
        public var state: SubmissionState
        public var author: String
        public var editor: String?
        public var created: Timestamp
        public var stateSince: Timestamp?
        public var url: String?
    }

    public var file: String
    public var rows: [Row]

    static let aliases: [String: [String]] = [
        "key": ["id", "key", "ref", "reference"],
        "title": ["title", "name", "pitch"],
        "summary": ["summary", "description", "abstract", "notes"],
        "tags": ["tags", "labels", "topics"],
        "kind": ["kind", "type"],
        "state": ["state", "status", "stage"],
        "author": ["author", "contributor", "member", "submittedby"],
        "editor": ["editor", "reviewer", "assignee"],
        "created": ["created", "createdat", "pitched", "pitchedon", "date", "submitted"],
        "since": ["updated", "updatedat", "statesince", "since", "lastchange"],
        "url": ["url", "link", "publishedurl"],
    ]

    /// Reads and checks the sheet. `now` is the creation time of rows without a date.
    public static func read(file: String, now: Timestamp = .now) throws -> SubmissionSheet {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ImportError.sheet(file, line: nil, "cannot be read; check the path and permissions.")
        }
        let records: [CSVReader.Record]
        do {
            records = try CSVReader(bytes: Array(data)).records()
        } catch {
            throw ImportError.sheet(file, line: error.line, error.message)
        }
        return try parse(records, file: file, now: now)
    }

    static func parse(_ records: [CSVReader.Record], file: String, now: Timestamp) throws -> SubmissionSheet {
        guard let header = records.first else { throw ImportError.sheet(file, line: nil, "is empty; it needs a header row.") }
        let names = header.fields.map { $0.lowercased().filter { $0.isLetter || $0.isNumber } }
        var column: [String: Int] = [:]
        for (field, options) in aliases {
            if let index = options.lazy.compactMap({ names.firstIndex(of: $0) }).first { column[field] = index }
        }
        for required in ["title", "author"] where column[required] == nil {
            throw ImportError.sheet(
                file, line: header.line,
                "has no \(required) column (header: \(header.fields.joined(separator: ", "))). Columns: title, author, and optionally id, summary, tags, kind, state, editor, created, updated, url.")
        }
        var rows: [Row] = []
        var problems: [String] = []
        var keys: [String: Int] = [:]
        for record in records.dropFirst() {
            func value(_ field: String) -> String {
                guard let index = column[field], index < record.fields.count else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            var rowProblems: [String] = []
            let title = value("title"), author = value("author")
            if title.isEmpty { rowProblems.append("empty title") }
            if author.isEmpty { rowProblems.append("empty author") }
            let kindText = value("kind")
            let kind = SubmissionKind(lenient: kindText)
            if kind == nil { rowProblems.append("unknown kind '\(kindText)' (tutorial, talk, code, other)") }
            let stateText = value("state")
            let state = stateText.isEmpty ? .pitched : SubmissionState(lenient: stateText)
            if state == nil {
                rowProblems.append("unknown state '\(stateText)' (\(SubmissionState.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            func moment(_ field: String) -> Timestamp? {
                let text = value(field)
                guard !text.isEmpty else { return nil }
                guard let time = Timestamp(iso: text) else {
                    rowProblems.append("\(field) '\(text)' is not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM)")
                    return nil
                }
                return time
            }
            let created = moment("created") ?? now
            let since = moment("since")
            if let since, since < created { rowProblems.append("updated (\(since.isoDay)) is before created (\(created.isoDay))") }
            let key = value("key").isEmpty ? "\(title.lowercased())\u{1F}\(author.lowercased())" : value("key")
            if let earlier = keys[key] {
                rowProblems.append("same \(column["key"] == nil ? "title and author" : "id") as line \(earlier)")
            }
            keys[key] = record.line
            guard rowProblems.isEmpty, let kind, let state else {
                problems.append("line \(record.line): " + rowProblems.joined(separator: "; "))
                continue
            }
            let tags = value("tags").split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" }).map(String.init)
            let editor = value("editor"), url = value("url")
            rows.append(
                Row(
                    line: record.line, key: key, title: title, summary: value("summary"), tags: Submission.normalizedTags(tags),
                    kind: kind, state: state, author: author, editor: editor.isEmpty ? nil : editor, created: created,
                    stateSince: since, url: url.isEmpty ? nil : url))
        }
        if !problems.isEmpty {
            throw ImportError.sheet(
                file, line: nil,
                "\(problems.count) row\(problems.count == 1 ? "" : "s") cannot be imported; nothing was stored:\n  "
                    + problems.prefix(50).joined(separator: "\n  ") + (problems.count > 50 ? "\n  …" : ""))
        }
        return SubmissionSheet(file: file, rows: rows)
    }
}
