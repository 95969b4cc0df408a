import Foundation
import GRDB
import HeartbeatCore

extension SQLiteStore: ContributorStore {
    public func findMembers(matching query: String) async throws -> [MemberRef] {
        let text = query.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return [] }
        return try await writer.read { db in
            var idText = text
            if idText.hasPrefix("#") { idText.removeFirst() }
            if let id = Int64(idText), let found = try Self.memberRefs(db, ids: [id]).first { return [found] }
            let handle = text.hasPrefix("@") ? String(text.dropFirst()) : text
            // Most specific first: a handle or e-mail names one account; names may be shared.
            for sql in [
                "SELECT DISTINCT member_id FROM identity WHERE handle = ? COLLATE NOCASE",
                "SELECT DISTINCT member_id FROM identity WHERE email = ? COLLATE NOCASE",
                """
                SELECT DISTINCT member_id FROM identity WHERE display_name = ?1 COLLATE NOCASE OR real_name = ?1 COLLATE NOCASE
                UNION SELECT id FROM member WHERE display_name = ?1 COLLATE NOCASE
                """,
            ] {
                let ids = try Int64.fetchAll(db, sql: sql, arguments: [sql.hasPrefix("SELECT DISTINCT member_id FROM identity WHERE handle") ? handle : text])
                if !ids.isEmpty { return try Self.memberRefs(db, ids: ids) }
            }
            return []
        }
    }

    public func suggestMembers(like text: String, limit: Int) async throws -> [MemberRef] {
        try await writer.read { db in
            let pattern = "%" + text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            let ids = try Int64.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT member_id FROM identity
                    WHERE handle LIKE ?1 OR display_name LIKE ?1 OR real_name LIKE ?1 OR email LIKE ?1
                    UNION SELECT id FROM member WHERE display_name LIKE ?1
                    LIMIT ?2
                    """, arguments: [pattern, limit])
            return try Self.memberRefs(db, ids: ids)
        }
    }

    public func addProgramMember(name: String) async throws -> MemberRef {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ContributorError.invalidInput("a member needs a name.") }
        return try await writer.write { db in
            try db.execute(sql: "INSERT INTO member (display_name) VALUES (?)", arguments: [trimmed])
            try Self.bumpGeneration(db)
            return MemberRef(id: db.lastInsertedRowID, name: trimmed)
        }
    }

    public func addSubmission(_ new: NewSubmission) async throws -> Submission {
        let new = try new.validated()
        return try await writer.write { db in
            let id = try Self.insert(new, db: db)
            try Self.bumpGeneration(db)
            return try Self.submissions(db, where: "s.id = ?", [id])[0]
        }
    }

    public func submission(id: Int64) async throws -> Submission? {
        try await writer.read { db in try Self.submissions(db, where: "s.id = ?", [id]).first }
    }

    public func submissions() async throws -> [Submission] {
        try await writer.read { db in try Self.submissions(db, where: "1", []) }
    }

    public func moveSubmission(
        id: Int64, to state: SubmissionState, at: Timestamp, actor: String, comment: String, url: String?
    ) async throws -> Submission {
        try await writer.write { db in
            guard let current = try Self.submissions(db, where: "s.id = ?", [id]).first else {
                throw ContributorError.unknownSubmission(id)
            }
            guard current.state.canMove(to: state) else {
                throw ContributorError.invalidMove(id: id, from: current.state, to: state)
            }
            let last = try Self.lastEventTime(db, id: id)
            if at < last { throw ContributorError.timeOrder(id: id, at: at, last: last) }
            try db.execute(
                sql: "UPDATE submission SET state = ?, state_since = ?, url = COALESCE(?, url) WHERE id = ?",
                arguments: [state.rawValue, at.microseconds, url, id])
            try Self.record(
                SubmissionEvent(submissionID: id, kind: .moved, from: current.state, to: state, at: at, actor: actor, comment: comment),
                db: db)
            try Self.bumpGeneration(db)
            return try Self.submissions(db, where: "s.id = ?", [id])[0]
        }
    }

    public func assignEditor(id: Int64, editorID: Int64?, at: Timestamp, actor: String, comment: String) async throws -> Submission {
        try await writer.write { db in
            guard try Self.submissions(db, where: "s.id = ?", [id]).first != nil else {
                throw ContributorError.unknownSubmission(id)
            }
            let editor = try editorID.flatMap { try Self.memberRefs(db, ids: [$0]).first }
            try db.execute(sql: "UPDATE submission SET editor_member_id = ? WHERE id = ?", arguments: [editorID, id])
            try Self.record(
                SubmissionEvent(submissionID: id, kind: .assigned, editor: editor, at: at, actor: actor, comment: comment), db: db)
            try Self.bumpGeneration(db)
            return try Self.submissions(db, where: "s.id = ?", [id])[0]
        }
    }

    public func submissionEvents(of id: Int64?) async throws -> [SubmissionEvent] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT submission_id, kind, from_state, to_state, editor_member_id, at, actor, comment
                    FROM submission_event \(id == nil ? "" : "WHERE submission_id = ?") ORDER BY at, id
                    """, arguments: id.map { [$0] } ?? [])
            let editorIDs = Set(rows.compactMap { $0[4] as Int64? })
            let editors = Dictionary(
                uniqueKeysWithValues: try Self.memberRefs(db, ids: Array(editorIDs)).map { ($0.id, $0) })
            return rows.compactMap { row in
                guard let kind = SubmissionEvent.Kind(rawValue: row[1]) else { return nil }
                return SubmissionEvent(
                    submissionID: row[0], kind: kind, from: (row[2] as String?).flatMap(SubmissionState.init(rawValue:)),
                    to: (row[3] as String?).flatMap(SubmissionState.init(rawValue:)),
                    editor: (row[4] as Int64?).flatMap { editors[$0] }, at: Timestamp(microseconds: row[5]),
                    actor: row[6], comment: row[7])
            }
        }
    }

    public func importSubmissions(_ rows: [NewSubmission]) async throws -> SubmissionImportSummary {
        let rows = try rows.map { try $0.validated() }
        return try await writer.write { db in
            var summary = SubmissionImportSummary()
            for row in rows {
                guard
                    let key = row.externalKey,
                    let existing = try Self.submissions(db, where: "s.external_key = ?", [key]).first
                else {
                    _ = try Self.insert(row, db: db)
                    summary.added += 1
                    continue
                }
                var changed = false
                if existing.title != row.title || existing.summary != row.summary || existing.kind != row.kind
                    || existing.author.id != row.authorID || (row.url != nil && existing.url != row.url)
                {
                    try db.execute(
                        sql: "UPDATE submission SET title = ?, summary = ?, kind = ?, author_member_id = ?, url = COALESCE(?, url) WHERE id = ?",
                        arguments: [row.title, row.summary, row.kind.rawValue, row.authorID, row.url, existing.id])
                    changed = true
                }
                if existing.tags != row.tags {
                    try db.execute(sql: "DELETE FROM submission_tag WHERE submission_id = ?", arguments: [existing.id])
                    try Self.insertTags(row.tags, id: existing.id, db: db)
                    changed = true
                }
                let at = row.stateSince ?? row.createdAt
                if existing.editor?.id != row.editorID {
                    try db.execute(sql: "UPDATE submission SET editor_member_id = ? WHERE id = ?", arguments: [row.editorID, existing.id])
                    let editor = try row.editorID.flatMap { try Self.memberRefs(db, ids: [$0]).first }
                    try Self.record(
                        SubmissionEvent(
                            submissionID: existing.id, kind: .assigned, editor: editor, at: max(at, existing.stateSince),
                            actor: row.actor, comment: row.comment), db: db)
                    changed = true
                }
                if existing.state != row.state {
                    let when = max(at, existing.stateSince)
                    try db.execute(
                        sql: "UPDATE submission SET state = ?, state_since = ? WHERE id = ?",
                        arguments: [row.state.rawValue, when.microseconds, existing.id])
                    try Self.record(
                        SubmissionEvent(
                            submissionID: existing.id, kind: .imported, from: existing.state, to: row.state, at: when,
                            actor: row.actor, comment: row.comment), db: db)
                    changed = true
                }
                if changed { summary.updated += 1 } else { summary.unchanged += 1 }
            }
            if summary.added + summary.updated > 0 { try Self.bumpGeneration(db) }
            return summary
        }
    }

    public func grantRole(memberID: Int64, role: String, starts: CivilDate, note: String) async throws -> RoleGrant {
        try await writer.write { db in
            guard let member = try Self.memberRefs(db, ids: [memberID]).first else {
                throw ContributorError.unknownMember("#\(memberID)", suggestions: [])
            }
            if let open = try Row.fetchOne(
                db, sql: "SELECT id, starts_on, note FROM role_grant WHERE member_id = ? AND role = ? AND ends_on IS NULL",
                arguments: [memberID, role])
            {
                return RoleGrant(
                    id: open[0], member: member, role: role, starts: CivilDate(dayNumber: open[1]), ends: nil, note: open[2])
            }
            try db.execute(
                sql: "INSERT INTO role_grant (member_id, role, starts_on, ends_on, note) VALUES (?, ?, ?, NULL, ?)",
                arguments: [memberID, role, starts.dayNumber, note])
            try Self.bumpGeneration(db)
            return RoleGrant(id: db.lastInsertedRowID, member: member, role: role, starts: starts, ends: nil, note: note)
        }
    }

    public func revokeRole(memberID: Int64, role: String, ends: CivilDate) async throws -> RoleGrant {
        try await writer.write { db in
            guard let member = try Self.memberRefs(db, ids: [memberID]).first else {
                throw ContributorError.unknownMember("#\(memberID)", suggestions: [])
            }
            guard
                let open = try Row.fetchOne(
                    db, sql: "SELECT id, starts_on, note FROM role_grant WHERE member_id = ? AND role = ? AND ends_on IS NULL",
                    arguments: [memberID, role])
            else { throw ContributorError.notHeld(role: role, member: member.label) }
            let starts = CivilDate(dayNumber: open[1])
            guard ends > starts else {
                throw ContributorError.invalidInput("the role \(role) started on \(starts); it can only end after that day.")
            }
            try db.execute(sql: "UPDATE role_grant SET ends_on = ? WHERE id = ?", arguments: [ends.dayNumber, open[0] as Int64])
            try Self.bumpGeneration(db)
            return RoleGrant(id: open[0], member: member, role: role, starts: starts, ends: ends, note: open[2])
        }
    }

    public func roleGrants() async throws -> [RoleGrant] {
        try await writer.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, member_id, role, starts_on, ends_on, note FROM role_grant ORDER BY role, starts_on, id")
            let members = try Self.memberMap(db, ids: rows.map { $0[1] })
            return rows.compactMap { row in
                guard let member = members[row[1]] else { return nil }
                return RoleGrant(
                    id: row[0], member: member, role: row[2], starts: CivilDate(dayNumber: row[3]),
                    ends: (row[4] as Int64?).map(CivilDate.init(dayNumber:)), note: row[5])
            }
        }
    }

    public func publishGuidelines(version: String, published: CivilDate, url: String?) async throws -> GuidelineVersion {
        let version = version.trimmingCharacters(in: .whitespaces)
        guard !version.isEmpty else { throw ContributorError.invalidInput("a guidelines version needs a name (e.g. 2.0).") }
        return try await writer.write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM guideline_version WHERE version = ?", arguments: [version]) != nil {
                throw ContributorError.versionExists(version)
            }
            try db.execute(
                sql: "INSERT INTO guideline_version (version, published_on, url) VALUES (?, ?, ?)",
                arguments: [version, published.dayNumber, url])
            try Self.bumpGeneration(db)
            return GuidelineVersion(version: version, published: published, url: url)
        }
    }

    public func acceptGuidelines(memberID: Int64, version: String, at: Timestamp) async throws -> GuidelineAcceptance {
        try await writer.write { db in
            guard let member = try Self.memberRefs(db, ids: [memberID]).first else {
                throw ContributorError.unknownMember("#\(memberID)", suggestions: [])
            }
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM guideline_version WHERE version = ?", arguments: [version]) != nil
            else {
                throw ContributorError.unknownVersion(
                    version, known: try String.fetchAll(db, sql: "SELECT version FROM guideline_version ORDER BY published_on"))
            }
            if let earlier = try Int64.fetchOne(
                db, sql: "SELECT accepted_at FROM guideline_acceptance WHERE member_id = ? AND version = ?",
                arguments: [memberID, version])
            {
                return GuidelineAcceptance(member: member, version: version, at: Timestamp(microseconds: earlier))
            }
            try db.execute(
                sql: "INSERT INTO guideline_acceptance (member_id, version, accepted_at) VALUES (?, ?, ?)",
                arguments: [memberID, version, at.microseconds])
            try Self.bumpGeneration(db)
            return GuidelineAcceptance(member: member, version: version, at: at)
        }
    }

    public func guidelineVersions() async throws -> [GuidelineVersion] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT v.version, v.published_on, v.url,
                        (SELECT COUNT(*) FROM guideline_acceptance a WHERE a.version = v.version)
                    FROM guideline_version v ORDER BY v.published_on, v.rowid
                    """
            ).map { GuidelineVersion(version: $0[0], published: CivilDate(dayNumber: $0[1]), url: $0[2], acceptedBy: $0[3]) }
        }
    }

    public func guidelineAcceptances() async throws -> [GuidelineAcceptance] {
        try await writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT member_id, version, accepted_at FROM guideline_acceptance ORDER BY accepted_at")
            let members = try Self.memberMap(db, ids: rows.map { $0[0] })
            return rows.compactMap { row in
                members[row[0]].map { GuidelineAcceptance(member: $0, version: row[1], at: Timestamp(microseconds: row[2])) }
            }
        }
    }

    // MARK: - Helpers

    static func bumpGeneration(_ db: Database) throws {
        try db.execute(sql: "UPDATE store_generation SET value = value + 1")
    }

    private static func insert(_ new: NewSubmission, db: Database) throws -> Int64 {
        for id in [new.authorID] + (new.editorID.map { [$0] } ?? []) where try memberRefs(db, ids: [id]).isEmpty {
            throw ContributorError.unknownMember("#\(id)", suggestions: [])
        }
        let since = new.stateSince ?? new.createdAt
        try db.execute(
            sql: """
                INSERT INTO submission (kind, title, summary, author_member_id, editor_member_id, state, state_since,
                    created_at, url, external_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                new.kind.rawValue, new.title, new.summary, new.authorID, new.editorID, new.state.rawValue,
                since.microseconds, new.createdAt.microseconds, new.url, new.externalKey,
            ])
        let id = db.lastInsertedRowID
        try insertTags(new.tags, id: id, db: db)
        try record(
            SubmissionEvent(
                submissionID: id, kind: .created, to: .pitched, at: new.createdAt, actor: new.actor,
                comment: new.state == .pitched ? new.comment : ""), db: db)
        if let editorID = new.editorID {
            try record(
                SubmissionEvent(
                    submissionID: id, kind: .assigned, editor: try memberRefs(db, ids: [editorID]).first, at: new.createdAt,
                    actor: new.actor), db: db)
        }
        if new.state != .pitched {
            try record(
                SubmissionEvent(
                    submissionID: id, kind: .imported, from: .pitched, to: new.state, at: since, actor: new.actor,
                    comment: new.comment), db: db)
        }
        return id
    }

    private static func insertTags(_ tags: [String], id: Int64, db: Database) throws {
        for tag in tags {
            try db.execute(sql: "INSERT OR IGNORE INTO submission_tag (submission_id, tag) VALUES (?, ?)", arguments: [id, tag])
        }
    }

    private static func record(_ event: SubmissionEvent, db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO submission_event (submission_id, kind, from_state, to_state, editor_member_id, at, actor, comment)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                event.submissionID, event.kind.rawValue, event.from?.rawValue, event.to?.rawValue, event.editor?.id,
                event.at.microseconds, event.actor, event.comment,
            ])
    }

    private static func lastEventTime(_ db: Database, id: Int64) throws -> Timestamp {
        Timestamp(microseconds: try Int64.fetchOne(db, sql: "SELECT MAX(at) FROM submission_event WHERE submission_id = ?", arguments: [id]) ?? 0)
    }

    private static func submissions(_ db: Database, where condition: String, _ arguments: [any DatabaseValueConvertible]) throws -> [Submission] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.kind, s.title, s.summary, s.author_member_id, s.editor_member_id, s.state, s.state_since,
                    s.created_at, s.url, s.external_key
                FROM submission s WHERE \(condition) ORDER BY s.created_at DESC, s.id DESC
                """, arguments: StatementArguments(arguments))
        guard !rows.isEmpty else { return [] }
        var tags: [Int64: [String]] = [:]
        let tagSQL =
            rows.count == 1
            ? "SELECT submission_id, tag FROM submission_tag WHERE submission_id = \(rows[0][0] as Int64) ORDER BY tag"
            : "SELECT submission_id, tag FROM submission_tag ORDER BY tag"
        for row in try Row.fetchAll(db, sql: tagSQL) { tags[row[0], default: []].append(row[1]) }
        let members = try memberMap(db, ids: rows.flatMap { [$0[4] as Int64?, $0[5] as Int64?].compactMap { $0 } })
        return rows.compactMap { row in
            guard let kind = SubmissionKind(rawValue: row[1]), let state = SubmissionState(rawValue: row[6]) else { return nil }
            let id: Int64 = row[0]
            let authorID: Int64 = row[4]
            return Submission(
                id: id, kind: kind, title: row[2], summary: row[3], tags: tags[id] ?? [],
                author: members[authorID] ?? MemberRef(id: authorID, name: "member #\(authorID)"),
                editor: (row[5] as Int64?).flatMap { members[$0] }, state: state,
                stateSince: Timestamp(microseconds: row[7]), createdAt: Timestamp(microseconds: row[8]), url: row[9],
                externalKey: row[10])
        }
    }

    private static func memberMap(_ db: Database, ids: [Int64]) throws -> [Int64: MemberRef] {
        Dictionary(try memberRefs(db, ids: Array(Set(ids))).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Members by id with the handle of their first platform account.
    static func memberRefs(_ db: Database, ids: [Int64]) throws -> [MemberRef] {
        var refs: [MemberRef] = []
        for chunk in stride(from: 0, to: ids.count, by: 500) {
            let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
            let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
            refs += try Row.fetchAll(
                db,
                sql: """
                    SELECT m.id, m.display_name,
                        (SELECT handle FROM identity i WHERE i.member_id = m.id ORDER BY i.id LIMIT 1)
                    FROM member m WHERE m.id IN (\(marks)) ORDER BY m.display_name COLLATE NOCASE, m.id
                    """, arguments: StatementArguments(part)
            ).map { MemberRef(id: $0[0], name: $0[1], handle: ($0[2] as String?) ?? "") }
        }
        return refs
    }
}
