import Foundation
import HeartbeatCore
import PostgresNIO

/// The contributor program in PostgreSQL, as `SQLiteStore+Contributors`: the same results, order,
/// errors and generation bumps, each statement confined to this store's community.
extension PostgresStore: ContributorStore {
    public func findMembers(matching query: String) async throws -> [MemberRef] {
        let text = query.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return [] }
        return try await read { connection in
            var idText = text
            if idText.hasPrefix("#") { idText.removeFirst() }
            if let id = Int64(idText), let found = try await memberRefs(connection, ids: [id]).first { return [found] }
            let handle = text.hasPrefix("@") ? String(text.dropFirst()) : text
            // Most specific first: a handle or e-mail names one account; names may be shared.
            // `lower(…) = lower(…)` stands for SQLite's `COLLATE NOCASE`.
            let queries: [PostgresQuery] = [
                """
                SELECT DISTINCT member_id FROM identity
                WHERE community_id = \(communityID) AND lower(handle) = lower(\(handle))
                """,
                """
                SELECT DISTINCT member_id FROM identity
                WHERE community_id = \(communityID) AND lower(email) = lower(\(text))
                """,
                """
                SELECT DISTINCT member_id FROM identity
                WHERE community_id = \(communityID) AND (lower(display_name) = lower(\(text)) OR lower(real_name) = lower(\(text)))
                UNION SELECT id FROM member WHERE community_id = \(communityID) AND lower(display_name) = lower(\(text))
                """,
            ]
            for query in queries {
                let ids = try await connection.rows(query, logger: logger).map { try $0.decode(Int64.self) }
                if !ids.isEmpty { return try await memberRefs(connection, ids: ids) }
            }
            return []
        }
    }

    public func suggestMembers(like text: String, limit: Int) async throws -> [MemberRef] {
        try await read { connection in
            // As in SQLite, `%` and `_` are dropped rather than escaped, and no character escapes
            // (`ESCAPE ''`: a backslash is an ordinary character, as in SQLite's LIKE). The UNION
            // is ordered by id before the limit: SQLite's UNION comes out in ascending order.
            let pattern = "%" + text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
            let ids = try await connection.rows(
                """
                SELECT member_id FROM identity
                WHERE community_id = \(communityID)
                    AND (handle ILIKE \(pattern) ESCAPE '' OR display_name ILIKE \(pattern) ESCAPE ''
                        OR real_name ILIKE \(pattern) ESCAPE '' OR email ILIKE \(pattern) ESCAPE '')
                UNION SELECT id FROM member WHERE community_id = \(communityID) AND display_name ILIKE \(pattern) ESCAPE ''
                ORDER BY 1 LIMIT \(limit)
                """, logger: logger
            ).map { try $0.decode(Int64.self) }
            return try await memberRefs(connection, ids: ids)
        }
    }

    public func addProgramMember(name: String) async throws -> MemberRef {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ContributorError.invalidInput("a member needs a name.") }
        return try await write { connection in
            let id = try await connection.rows(
                "INSERT INTO member (community_id, display_name) VALUES (\(communityID), \(trimmed)) RETURNING id",
                logger: logger)[0].decode(Int64.self)
            try await bumpGeneration(connection)
            return MemberRef(id: id, name: trimmed)
        }
    }

    public func addSubmission(_ new: NewSubmission) async throws -> Submission {
        let new = try new.validated()
        return try await write { connection in
            let id = try await insert(new, connection)
            try await bumpGeneration(connection)
            return try await submissions(connection, .id(id))[0]
        }
    }

    public func submission(id: Int64) async throws -> Submission? {
        try await read { connection in try await submissions(connection, .id(id)).first }
    }

    public func submissions() async throws -> [Submission] {
        try await read { connection in try await submissions(connection, .all) }
    }

    public func moveSubmission(
        id: Int64, to state: SubmissionState, at: Timestamp, actor: String, comment: String, url: String?
    ) async throws -> Submission {
        try await write { connection in
            guard let current = try await submissions(connection, .id(id)).first else {
                throw ContributorError.unknownSubmission(id)
            }
            guard current.state.canMove(to: state) else {
                throw ContributorError.invalidMove(id: id, from: current.state, to: state)
            }
            let last = try await lastEventTime(connection, id: id)
            if at < last { throw ContributorError.timeOrder(id: id, at: at, last: last) }
            try await connection.execute(
                """
                UPDATE submission SET state = \(state.rawValue), state_since = \(at.microseconds), url = COALESCE(\(url), url)
                WHERE community_id = \(communityID) AND id = \(id)
                """, logger: logger)
            try await record(
                SubmissionEvent(submissionID: id, kind: .moved, from: current.state, to: state, at: at, actor: actor, comment: comment),
                connection)
            try await bumpGeneration(connection)
            return try await submissions(connection, .id(id))[0]
        }
    }

    public func assignEditor(id: Int64, editorID: Int64?, at: Timestamp, actor: String, comment: String) async throws -> Submission {
        try await write { connection in
            guard try await submissions(connection, .id(id)).first != nil else {
                throw ContributorError.unknownSubmission(id)
            }
            var editor: MemberRef?
            if let editorID { editor = try await memberRefs(connection, ids: [editorID]).first }
            try await connection.execute(
                "UPDATE submission SET editor_member_id = \(editorID) WHERE community_id = \(communityID) AND id = \(id)",
                logger: logger)
            try await record(
                SubmissionEvent(submissionID: id, kind: .assigned, editor: editor, at: at, actor: actor, comment: comment), connection)
            try await bumpGeneration(connection)
            return try await submissions(connection, .id(id))[0]
        }
    }

    public func submissionEvents(of id: Int64?) async throws -> [SubmissionEvent] {
        try await read { connection in
            let columns = "SELECT submission_id, kind, from_state, to_state, editor_member_id, at, actor, comment FROM submission_event"
            let query: PostgresQuery =
                if let id {
                    "\(unescaped: columns) WHERE community_id = \(communityID) AND submission_id = \(id) ORDER BY at, id"
                } else {
                    "\(unescaped: columns) WHERE community_id = \(communityID) ORDER BY at, id"
                }
            let rows = try await connection.rows(query, logger: logger).map {
                try $0.decode((Int64, String, String?, String?, Int64?, Int64, String, String).self)
            }
            let editors = try await memberMap(connection, ids: rows.compactMap { $0.4 })
            return rows.compactMap { row in
                guard let kind = SubmissionEvent.Kind(rawValue: row.1) else { return nil }
                return SubmissionEvent(
                    submissionID: row.0, kind: kind, from: row.2.flatMap(SubmissionState.init(rawValue:)),
                    to: row.3.flatMap(SubmissionState.init(rawValue:)), editor: row.4.flatMap { editors[$0] },
                    at: Timestamp(microseconds: row.5), actor: row.6, comment: row.7)
            }
        }
    }

    public func importSubmissions(_ rows: [NewSubmission]) async throws -> SubmissionImportSummary {
        let rows = try rows.map { try $0.validated() }
        return try await write { connection in
            var summary = SubmissionImportSummary()
            for row in rows {
                guard
                    let key = row.externalKey,
                    let existing = try await submissions(connection, .externalKey(key)).first
                else {
                    _ = try await insert(row, connection)
                    summary.added += 1
                    continue
                }
                var changed = false
                if existing.title != row.title || existing.summary != row.summary || existing.kind != row.kind
                    || existing.author.id != row.authorID || (row.url != nil && existing.url != row.url)
                {
                    try await connection.execute(
                        """
                        UPDATE submission SET title = \(row.title), summary = \(row.summary), kind = \(row.kind.rawValue),
                            author_member_id = \(row.authorID), url = COALESCE(\(row.url), url)
                        WHERE community_id = \(communityID) AND id = \(existing.id)
                        """, logger: logger)
                    changed = true
                }
                if existing.tags != row.tags {
                    try await connection.execute(
                        "DELETE FROM submission_tag WHERE community_id = \(communityID) AND submission_id = \(existing.id)",
                        logger: logger)
                    try await insertTags(row.tags, id: existing.id, connection)
                    changed = true
                }
                let at = row.stateSince ?? row.createdAt
                if existing.editor?.id != row.editorID {
                    try await connection.execute(
                        """
                        UPDATE submission SET editor_member_id = \(row.editorID)
                        WHERE community_id = \(communityID) AND id = \(existing.id)
                        """, logger: logger)
                    var editor: MemberRef?
                    if let editorID = row.editorID { editor = try await memberRefs(connection, ids: [editorID]).first }
                    try await record(
                        SubmissionEvent(
                            submissionID: existing.id, kind: .assigned, editor: editor, at: max(at, existing.stateSince),
                            actor: row.actor, comment: row.comment), connection)
                    changed = true
                }
                if existing.state != row.state {
                    let when = max(at, existing.stateSince)
                    try await connection.execute(
                        """
                        UPDATE submission SET state = \(row.state.rawValue), state_since = \(when.microseconds)
                        WHERE community_id = \(communityID) AND id = \(existing.id)
                        """, logger: logger)
                    try await record(
                        SubmissionEvent(
                            submissionID: existing.id, kind: .imported, from: existing.state, to: row.state, at: when,
                            actor: row.actor, comment: row.comment), connection)
                    changed = true
                }
                if changed { summary.updated += 1 } else { summary.unchanged += 1 }
            }
            if summary.added + summary.updated > 0 { try await bumpGeneration(connection) }
            return summary
        }
    }

    public func grantRole(memberID: Int64, role: String, starts: CivilDate, note: String) async throws -> RoleGrant {
        try await write { connection in
            guard let member = try await memberRefs(connection, ids: [memberID]).first else {
                throw ContributorError.unknownMember("#\(memberID)", suggestions: [])
            }
            if let open = try await openGrant(connection, memberID: memberID, role: role) {
                return RoleGrant(
                    id: open.id, member: member, role: role, starts: CivilDate(dayNumber: open.startsOn), ends: nil,
                    note: open.note)
            }
            let id = try await connection.rows(
                """
                INSERT INTO role_grant (community_id, member_id, role, starts_on, ends_on, note)
                VALUES (\(communityID), \(memberID), \(role), \(starts.dayNumber), NULL, \(note)) RETURNING id
                """, logger: logger)[0].decode(Int64.self)
            try await bumpGeneration(connection)
            return RoleGrant(id: id, member: member, role: role, starts: starts, ends: nil, note: note)
        }
    }

    public func revokeRole(memberID: Int64, role: String, ends: CivilDate) async throws -> RoleGrant {
        try await write { connection in
            guard let member = try await memberRefs(connection, ids: [memberID]).first else {
                throw ContributorError.unknownMember("#\(memberID)", suggestions: [])
            }
            guard let open = try await openGrant(connection, memberID: memberID, role: role) else {
                throw ContributorError.notHeld(role: role, member: member.label)
            }
            let starts = CivilDate(dayNumber: open.startsOn)
            guard ends > starts else {
                throw ContributorError.invalidInput("the role \(role) started on \(starts); it can only end after that day.")
            }
            try await connection.execute(
                "UPDATE role_grant SET ends_on = \(ends.dayNumber) WHERE community_id = \(communityID) AND id = \(open.id)",
                logger: logger)
            try await bumpGeneration(connection)
            return RoleGrant(id: open.id, member: member, role: role, starts: starts, ends: ends, note: open.note)
        }
    }

    public func roleGrants() async throws -> [RoleGrant] {
        try await read { connection in
            // `COLLATE "C"`: SQLite's BINARY order, whatever the database's collation.
            let rows = try await connection.rows(
                """
                SELECT id, member_id, role, starts_on, ends_on, note FROM role_grant
                WHERE community_id = \(communityID) ORDER BY role COLLATE "C", starts_on, id
                """, logger: logger
            ).map { try $0.decode((Int64, Int64, String, Int64, Int64?, String).self) }
            let members = try await memberMap(connection, ids: rows.map(\.1))
            return rows.compactMap { row in
                guard let member = members[row.1] else { return nil }
                return RoleGrant(
                    id: row.0, member: member, role: row.2, starts: CivilDate(dayNumber: row.3),
                    ends: row.4.map(CivilDate.init(dayNumber:)), note: row.5)
            }
        }
    }

    public func publishGuidelines(version: String, published: CivilDate, url: String?) async throws -> GuidelineVersion {
        let version = version.trimmingCharacters(in: .whitespaces)
        guard !version.isEmpty else { throw ContributorError.invalidInput("a guidelines version needs a name (e.g. 2.0).") }
        return try await write { connection in
            if try await guidelineVersionExists(connection, version) { throw ContributorError.versionExists(version) }
            try await connection.execute(
                """
                INSERT INTO guideline_version (community_id, version, published_on, url)
                VALUES (\(communityID), \(version), \(published.dayNumber), \(url))
                """, logger: logger)
            try await bumpGeneration(connection)
            return GuidelineVersion(version: version, published: published, url: url)
        }
    }

    public func acceptGuidelines(memberID: Int64, version: String, at: Timestamp) async throws -> GuidelineAcceptance {
        try await write { connection in
            guard let member = try await memberRefs(connection, ids: [memberID]).first else {
                throw ContributorError.unknownMember("#\(memberID)", suggestions: [])
            }
            guard try await guidelineVersionExists(connection, version) else {
                let known = try await connection.rows(
                    """
                    SELECT version FROM guideline_version WHERE community_id = \(communityID) ORDER BY published_on, seq
                    """, logger: logger
                ).map { try $0.decode(String.self) }
                throw ContributorError.unknownVersion(version, known: known)
            }
            if let earlier = try await connection.rows(
                """
                SELECT accepted_at FROM guideline_acceptance
                WHERE community_id = \(communityID) AND member_id = \(memberID) AND version = \(version)
                """, logger: logger
            ).first {
                return GuidelineAcceptance(member: member, version: version, at: Timestamp(microseconds: try earlier.decode(Int64.self)))
            }
            try await connection.execute(
                """
                INSERT INTO guideline_acceptance (community_id, member_id, version, accepted_at)
                VALUES (\(communityID), \(memberID), \(version), \(at.microseconds))
                """, logger: logger)
            try await bumpGeneration(connection)
            return GuidelineAcceptance(member: member, version: version, at: at)
        }
    }

    public func guidelineVersions() async throws -> [GuidelineVersion] {
        try await read { connection in
            // Same-day versions in the order they were published (`seq`), as SQLite's rowid does.
            try await connection.rows(
                """
                SELECT v.version, v.published_on, v.url,
                    (SELECT COUNT(*) FROM guideline_acceptance a WHERE a.community_id = v.community_id AND a.version = v.version)
                FROM guideline_version v WHERE v.community_id = \(communityID) ORDER BY v.published_on, v.seq
                """, logger: logger
            ).map { row in
                let (version, published, url, accepted) = try row.decode((String, Int64, String?, Int64).self)
                return GuidelineVersion(version: version, published: CivilDate(dayNumber: published), url: url, acceptedBy: Int(accepted))
            }
        }
    }

    public func guidelineAcceptances() async throws -> [GuidelineAcceptance] {
        try await read { connection in
            // Ties in time in the order stored (`seq`), as SQLite's scan in rowid order leaves them.
            let rows = try await connection.rows(
                """
                SELECT member_id, version, accepted_at FROM guideline_acceptance
                WHERE community_id = \(communityID) ORDER BY accepted_at, seq
                """, logger: logger
            ).map { try $0.decode((Int64, String, Int64).self) }
            let members = try await memberMap(connection, ids: rows.map(\.0))
            return rows.compactMap { row in
                members[row.0].map { GuidelineAcceptance(member: $0, version: row.1, at: Timestamp(microseconds: row.2)) }
            }
        }
    }

    // MARK: - Helpers


    /// Which submissions `submissions(_:_:)` loads.
    private enum SubmissionFilter {
        case all
        case id(Int64)
        case externalKey(String)
    }

    private func insert(_ new: NewSubmission, _ connection: PostgresConnection) async throws -> Int64 {
        for id in [new.authorID] + (new.editorID.map { [$0] } ?? []) where try await memberRefs(connection, ids: [id]).isEmpty {
            throw ContributorError.unknownMember("#\(id)", suggestions: [])
        }
        let since = new.stateSince ?? new.createdAt
        let id = try await connection.rows(
            """
            INSERT INTO submission (community_id, kind, title, summary, author_member_id, editor_member_id, state,
                state_since, created_at, url, external_key)
            VALUES (\(communityID), \(new.kind.rawValue), \(new.title), \(new.summary), \(new.authorID), \(new.editorID),
                \(new.state.rawValue), \(since.microseconds), \(new.createdAt.microseconds), \(new.url), \(new.externalKey))
            RETURNING id
            """, logger: logger)[0].decode(Int64.self)
        try await insertTags(new.tags, id: id, connection)
        try await record(
            SubmissionEvent(
                submissionID: id, kind: .created, to: .pitched, at: new.createdAt, actor: new.actor,
                comment: new.state == .pitched ? new.comment : ""), connection)
        if let editorID = new.editorID {
            try await record(
                SubmissionEvent(
                    submissionID: id, kind: .assigned, editor: try await memberRefs(connection, ids: [editorID]).first,
                    at: new.createdAt, actor: new.actor), connection)
        }
        if new.state != .pitched {
            try await record(
                SubmissionEvent(
                    submissionID: id, kind: .imported, from: .pitched, to: new.state, at: since, actor: new.actor,
                    comment: new.comment), connection)
        }
        return id
    }

    /// One statement for all of a submission's tags; a repeated tag is stored once.
    private func insertTags(_ tags: [String], id: Int64, _ connection: PostgresConnection) async throws {
        guard !tags.isEmpty else { return }
        try await connection.execute(
            """
            INSERT INTO submission_tag (community_id, submission_id, tag)
            SELECT \(communityID), \(id), tag FROM unnest(\(tags)::text[]) AS t(tag)
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }

    private func record(_ event: SubmissionEvent, _ connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO submission_event (community_id, submission_id, kind, from_state, to_state, editor_member_id, at,
                actor, comment)
            VALUES (\(communityID), \(event.submissionID), \(event.kind.rawValue), \(event.from?.rawValue),
                \(event.to?.rawValue), \(event.editor?.id), \(event.at.microseconds), \(event.actor), \(event.comment))
            """, logger: logger)
    }

    private func lastEventTime(_ connection: PostgresConnection, id: Int64) async throws -> Timestamp {
        let last = try await connection.rows(
            "SELECT MAX(at) FROM submission_event WHERE community_id = \(communityID) AND submission_id = \(id)",
            logger: logger)[0].decode(Int64?.self)
        return Timestamp(microseconds: last ?? 0)
    }

    /// The member's grant of `role` that has not ended, if any.
    private func openGrant(
        _ connection: PostgresConnection, memberID: Int64, role: String
    ) async throws -> (id: Int64, startsOn: Int64, note: String)? {
        guard
            let row = try await connection.rows(
                """
                SELECT id, starts_on, note FROM role_grant
                WHERE community_id = \(communityID) AND member_id = \(memberID) AND role = \(role) AND ends_on IS NULL
                """, logger: logger
            ).first
        else { return nil }
        let (id, startsOn, note) = try row.decode((Int64, Int64, String).self)
        return (id, startsOn, note)
    }

    private func guidelineVersionExists(_ connection: PostgresConnection, _ version: String) async throws -> Bool {
        try await !connection.rows(
            "SELECT 1 FROM guideline_version WHERE community_id = \(communityID) AND version = \(version)", logger: logger
        ).isEmpty
    }

    /// Submissions newest first, with their tags (sorted bytewise, as SQLite's BINARY order) and
    /// their author and editor.
    private func submissions(_ connection: PostgresConnection, _ filter: SubmissionFilter) async throws -> [Submission] {
        let select = """
            SELECT s.id, s.kind, s.title, s.summary, s.author_member_id, s.editor_member_id, s.state, s.state_since,
                s.created_at, s.url, s.external_key
            FROM submission s
            """
        let order = "ORDER BY s.created_at DESC, s.id DESC"
        let query: PostgresQuery =
            switch filter {
            case .all: "\(unescaped: select) WHERE s.community_id = \(communityID) \(unescaped: order)"
            case .id(let id): "\(unescaped: select) WHERE s.community_id = \(communityID) AND s.id = \(id) \(unescaped: order)"
            case .externalKey(let key):
                "\(unescaped: select) WHERE s.community_id = \(communityID) AND s.external_key = \(key) \(unescaped: order)"
            }
        let rows = try await connection.rows(query, logger: logger).map {
            try $0.decode((Int64, String, String, String, Int64, Int64?, String, Int64, Int64, String?, String?).self)
        }
        guard !rows.isEmpty else { return [] }
        var tags: [Int64: [String]] = [:]
        let tagQuery: PostgresQuery =
            if case .all = filter {
                "SELECT submission_id, tag FROM submission_tag WHERE community_id = \(communityID) ORDER BY tag COLLATE \"C\""
            } else {
                """
                SELECT submission_id, tag FROM submission_tag
                WHERE community_id = \(communityID) AND submission_id = ANY(\(rows.map(\.0))::bigint[]) ORDER BY tag COLLATE "C"
                """
            }
        for row in try await connection.rows(tagQuery, logger: logger) {
            let (id, tag) = try row.decode((Int64, String).self)
            tags[id, default: []].append(tag)
        }
        let members = try await memberMap(connection, ids: rows.flatMap { [$0.4, $0.5].compactMap { $0 } })
        return rows.compactMap { row in
            guard let kind = SubmissionKind(rawValue: row.1), let state = SubmissionState(rawValue: row.6) else { return nil }
            let authorID = row.4
            return Submission(
                id: row.0, kind: kind, title: row.2, summary: row.3, tags: tags[row.0] ?? [],
                author: members[authorID] ?? MemberRef(id: authorID, name: "member #\(authorID)"),
                editor: row.5.flatMap { members[$0] }, state: state, stateSince: Timestamp(microseconds: row.7),
                createdAt: Timestamp(microseconds: row.8), url: row.9, externalKey: row.10)
        }
    }

    private func memberMap(_ connection: PostgresConnection, ids: [Int64]) async throws -> [Int64: MemberRef] {
        Dictionary(
            try await memberRefs(connection, ids: Array(Set(ids))).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Members by id with the handle of their first platform account, ordered by name as SQLite's
    /// `COLLATE NOCASE` orders them (ASCII letters folded, then bytewise: `lower` under the "C"
    /// collation folds only ASCII), then by id. One query whatever the number of ids.
    func memberRefs(_ connection: PostgresConnection, ids: [Int64]) async throws -> [MemberRef] {
        guard !ids.isEmpty else { return [] }
        return try await connection.rows(
            """
            SELECT m.id, m.display_name,
                (SELECT i.handle FROM identity i WHERE i.community_id = m.community_id AND i.member_id = m.id
                    ORDER BY i.id LIMIT 1)
            FROM member m WHERE m.community_id = \(communityID) AND m.id = ANY(\(ids)::bigint[])
            ORDER BY lower(m.display_name COLLATE "C"), m.id
            """, logger: logger
        ).map { row in
            let (id, name, handle) = try row.decode((Int64, String, String?).self)
            return MemberRef(id: id, name: name, handle: handle ?? "")
        }
    }
}
