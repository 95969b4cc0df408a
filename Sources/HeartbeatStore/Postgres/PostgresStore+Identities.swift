import Foundation
import HeartbeatCore
import PostgresNIO

/// Identity resolution in PostgreSQL, as `SQLiteStore+Identities`: the same people, member ids,
/// errors and generation bumps, each statement confined to this store's community. The
/// connection-level helpers also run inside the ingest's own transaction, after a bulk import of
/// tens of thousands of accounts, so they work in a fixed number of statements, not one per account.
extension PostgresStore: IdentityStore {
    public func identityRecords() async throws -> [IdentityRecord] {
        try await read { connection in try await identityRecords(connection) }
    }

    public func identityDecisions() async throws -> [IdentityDecision] {
        try await read { connection in try await identityDecisions(connection) }
    }

    public func peopleCount() async throws -> Int {
        try await read { connection in
            Int(
                try await connection.rows(
                    "SELECT COUNT(DISTINCT member_id) FROM identity WHERE community_id = \(communityID)", logger: logger
                )[0].decode(Int64.self))
        }
    }

    public func identityResolution() async throws -> IdentityResolution {
        try await read { connection in
            IdentityResolver().resolve(try await identityRecords(connection), decisions: try await identityDecisions(connection))
        }
    }

    public func mergeMembers(_ a: Int64, _ b: Int64, at: Timestamp) async throws -> Int64 {
        try await write { connection in
            for id in [a, b]
            where try await connection.rows(
                "SELECT id FROM member WHERE community_id = \(communityID) AND id = \(id)", logger: logger
            ).isEmpty {
                throw StoreError.unknownMember(id)
            }
            guard a != b else { return a }
            let identitiesA = try await identities(connection, of: a)
            let identitiesB = try await identities(connection, of: b)
            let survivor: Int64
            if let first = identitiesA.first, let second = identitiesB.first {
                // A split between any two of their accounts would refuse the merge: the newer ruling
                // wins. Pairs are stored smaller id first, and the two sets are disjoint, so every
                // pair is (one of A, one of B) either way round: one statement for all of them.
                try await connection.execute(
                    """
                    DELETE FROM identity_decision
                    WHERE community_id = \(communityID)
                        AND ((identity_a = ANY(\(identitiesA)::bigint[]) AND identity_b = ANY(\(identitiesB)::bigint[]))
                            OR (identity_a = ANY(\(identitiesB)::bigint[]) AND identity_b = ANY(\(identitiesA)::bigint[])))
                    """, logger: logger)
                try await recordDecisions(
                    connection, [IdentityDecision(kind: .merge, identityA: first, identityB: second, decidedAt: at)])
                try await resolveIdentities(connection)
                survivor = try await memberID(connection, ofIdentity: first)!
            } else {
                // A member known only to the contributor program has no account to rule on: its
                // records move to the other member once, and it is gone.
                let (keep, drop) = identitiesA.isEmpty && !identitiesB.isEmpty ? (b, a) : (a, b)
                try await repointMember(connection, from: drop, to: keep)
                try await connection.execute(
                    "DELETE FROM member WHERE community_id = \(communityID) AND id = \(drop)", logger: logger)
                survivor = keep
            }
            try await bumpGeneration(connection)
            return survivor
        }
    }

    public func splitIdentity(_ identityID: Int64, at: Timestamp) async throws -> Int64 {
        try await write { connection in
            guard let member = try await memberID(connection, ofIdentity: identityID) else {
                throw StoreError.unknownIdentity(identityID)
            }
            let others = try await connection.rows(
                """
                SELECT id FROM identity WHERE community_id = \(communityID) AND member_id = \(member) AND id != \(identityID)
                """, logger: logger
            ).map { try $0.decode(Int64.self) }
            try await connection.execute(
                """
                DELETE FROM identity_decision
                WHERE community_id = \(communityID) AND kind = 'merge' AND (identity_a = \(identityID) OR identity_b = \(identityID))
                """, logger: logger)
            try await recordDecisions(
                connection,
                others.map { IdentityDecision(kind: .split, identityA: identityID, identityB: $0, decidedAt: at) })
            try await resolveIdentities(connection)
            try await bumpGeneration(connection)
            return try await memberID(connection, ofIdentity: identityID)!
        }
    }

    // MARK: - Connection-level helpers (also used inside the ingest's transaction)

    /// Every account of the community with its workspace's name and its further e-mails: one query
    /// for the accounts and one for the e-mails, whatever their number.
    func identityRecords(_ connection: PostgresConnection) async throws -> [IdentityRecord] {
        var emails: [Int64: [String]] = [:]
        for row in try await connection.rows(
            """
            SELECT identity_id, email FROM identity_email
            WHERE community_id = \(communityID) ORDER BY identity_id, email COLLATE "C"
            """, logger: logger)
        {
            let (id, email) = try row.decode((Int64, String).self)
            emails[id, default: []].append(email)
        }
        return try await connection.rows(
            """
            SELECT i.id, i.member_id, i.workspace_id, w.name, i.platform, i.external_id, i.handle, i.display_name,
                i.real_name, i.email, i.github_login, i.is_bot, i.is_deleted
            FROM identity i JOIN workspace w ON w.community_id = i.community_id AND w.id = i.workspace_id
            WHERE i.community_id = \(communityID) ORDER BY i.id
            """, logger: logger
        ).map { row in
            let (id, member, workspace, workspaceName, platform, externalID, handle, displayName, realName, email, github, bot, deleted) =
                try row.decode(
                    (Int64, Int64, Int64, String, String, String, String, String, String?, String?, String?, Bool, Bool).self)
            return IdentityRecord(
                id: id, memberID: member, workspaceID: workspace, workspaceName: workspaceName,
                platform: Platform(rawValue: platform) ?? .slack, externalID: externalID, handle: handle,
                displayName: displayName, realName: realName, email: email, githubLogin: github,
                otherEmails: emails[id] ?? [], isBot: bot, isDeleted: deleted)
        }
    }

    /// The merges and splits decided by hand, oldest first.
    func identityDecisions(_ connection: PostgresConnection) async throws -> [IdentityDecision] {
        try await connection.rows(
            """
            SELECT kind, identity_a, identity_b, decided_at FROM identity_decision
            WHERE community_id = \(communityID) ORDER BY decided_at, id
            """, logger: logger
        ).map { row in
            let (kind, a, b, decidedAt) = try row.decode((String, Int64, Int64, Int64).self)
            return IdentityDecision(
                kind: IdentityDecision.Kind(rawValue: kind) ?? .merge, identityA: a, identityB: b,
                decidedAt: Timestamp(microseconds: decidedAt))
        }
    }

    /// Re-resolves every account and points each person's accounts at one member. A person keeps
    /// the oldest member id among their accounts (so the contributor program, page views and roles
    /// keyed by it stay put); records of a member that no account holds any more move to the
    /// person's member, and the empty member is removed. An account split off a person whose
    /// member id stays with the others gets a new member.
    ///
    /// After a large import many accounts change member at once, so the changes go out as one
    /// `UPDATE … FROM unnest(…)` and the absorbed members are repointed and removed together;
    /// only new members (rare: splits) take a statement each.
    func resolveIdentities(_ connection: PostgresConnection) async throws {
        let records = try await identityRecords(connection)
        let resolution = IdentityResolver().resolve(records, decisions: try await identityDecisions(connection))
        let assignment = MemberAssignment(records: records, resolution: resolution)
        var created: [Int64] = []
        for name in assignment.newMembers {
            created.append(
                try await connection.rows(
                    "INSERT INTO member (community_id, display_name) VALUES (\(communityID), \(name)) RETURNING id",
                    logger: logger)[0].decode(Int64.self))
        }
        var changedIdentities: [Int64] = []
        var changedMembers: [Int64] = []
        for (target, identities) in assignment.people {
            let member: Int64
            switch target {
            case .existing(let id): member = id
            case .new(let index): member = created[index]
            }
            changedIdentities += identities
            changedMembers += Array(repeating: member, count: identities.count)
        }
        if !changedIdentities.isEmpty {
            try await connection.execute(
                """
                UPDATE identity i SET member_id = u.m
                FROM unnest(\(changedIdentities)::bigint[], \(changedMembers)::bigint[]) AS u(id, m)
                WHERE i.community_id = \(communityID) AND i.id = u.id
                """, logger: logger)
        }
        let moves = assignment.absorbed
        guard !moves.isEmpty else { return }
        try await repointMembers(connection, moves)
        try await connection.execute(
            "DELETE FROM member WHERE community_id = \(communityID) AND id = ANY(\(moves.map(\.from))::bigint[])",
            logger: logger)
    }

    /// Moves everything keyed by member `from` to member `to`.
    func repointMember(_ connection: PostgresConnection, from: Int64, to: Int64) async throws {
        try await repointMembers(connection, [(from, to)])
    }

    // MARK: - Private helpers

    /// Moves everything keyed by each `from` member to its `to` member, one statement per table
    /// for all the moves. No `from` may appear twice or also be a `to` (`resolveIdentities`
    /// guarantees both), so one pass equals applying the moves one after the other.
    private func repointMembers(_ connection: PostgresConnection, _ moves: [(from: Int64, to: Int64)]) async throws {
        guard !moves.isEmpty else { return }
        let froms = moves.map(\.from)
        let tos = moves.map(\.to)
        for (table, column) in [
            ("submission", "author_member_id"), ("submission", "editor_member_id"),
            ("submission_event", "editor_member_id"), ("role_grant", "member_id"),
            ("page_view", "member_id"), ("content_item", "author_member_id"),
        ] {
            try await connection.execute(
                """
                UPDATE \(unescaped: table) r SET \(unescaped: column) = u.t
                FROM unnest(\(froms)::bigint[], \(tos)::bigint[]) AS u(f, t)
                WHERE r.community_id = \(communityID) AND r.\(unescaped: column) = u.f
                """, logger: logger)
        }
        // SQLite's `UPDATE OR IGNORE` then `DELETE`: an acceptance moves unless the target member
        // has accepted that version already (or an earlier move gave it one: `DISTINCT ON` keeps
        // the first move per target and version); what stays behind is deleted with the member.
        try await connection.execute(
            """
            UPDATE guideline_acceptance g SET member_id = m.t
            FROM (
                SELECT DISTINCT ON (u.t, a.version) a.member_id AS f, a.version, u.t
                FROM guideline_acceptance a
                JOIN unnest(\(froms)::bigint[], \(tos)::bigint[]) WITH ORDINALITY AS u(f, t, n) ON a.member_id = u.f
                WHERE a.community_id = \(communityID)
                    AND NOT EXISTS (
                        SELECT 1 FROM guideline_acceptance x
                        WHERE x.community_id = a.community_id AND x.member_id = u.t AND x.version = a.version)
                ORDER BY u.t, a.version, u.n
            ) m
            WHERE g.community_id = \(communityID) AND g.member_id = m.f AND g.version = m.version
            """, logger: logger)
        try await connection.execute(
            "DELETE FROM guideline_acceptance WHERE community_id = \(communityID) AND member_id = ANY(\(froms)::bigint[])",
            logger: logger)
    }

    /// Stores rulings, one statement for all of them; a newer ruling on a pair replaces the older.
    private func recordDecisions(_ connection: PostgresConnection, _ decisions: [IdentityDecision]) async throws {
        guard !decisions.isEmpty else { return }
        try await connection.execute(
            """
            INSERT INTO identity_decision (community_id, kind, identity_a, identity_b, decided_at)
            SELECT \(communityID), d.kind, d.a, d.b, d.at
            FROM unnest(\(decisions.map(\.kind.rawValue))::text[], \(decisions.map(\.identityA))::bigint[],
                \(decisions.map(\.identityB))::bigint[], \(decisions.map(\.decidedAt.microseconds))::bigint[])
                AS d(kind, a, b, at)
            ON CONFLICT (community_id, identity_a, identity_b)
                DO UPDATE SET kind = excluded.kind, decided_at = excluded.decided_at
            """, logger: logger)
    }

    /// The member's accounts, oldest first.
    private func identities(_ connection: PostgresConnection, of member: Int64) async throws -> [Int64] {
        try await connection.rows(
            "SELECT id FROM identity WHERE community_id = \(communityID) AND member_id = \(member) ORDER BY id",
            logger: logger
        ).map { try $0.decode(Int64.self) }
    }

    private func memberID(_ connection: PostgresConnection, ofIdentity id: Int64) async throws -> Int64? {
        try await connection.rows(
            "SELECT member_id FROM identity WHERE community_id = \(communityID) AND id = \(id)", logger: logger
        ).first?.decode(Int64.self)
    }
}
