import Foundation
import GRDB
import HeartbeatCore

extension SQLiteStore: IdentityStore {
    public func identityRecords() async throws -> [IdentityRecord] {
        try await writer.read { db in try Self.identityRecords(db) }
    }

    public func identityDecisions() async throws -> [IdentityDecision] {
        try await writer.read { db in try Self.identityDecisions(db) }
    }

    public func peopleCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT member_id) FROM identity") ?? 0 }
    }

    public func identityResolution() async throws -> IdentityResolution {
        try await writer.read { db in
            IdentityResolver().resolve(try Self.identityRecords(db), decisions: try Self.identityDecisions(db))
        }
    }

    public func mergeMembers(_ a: Int64, _ b: Int64, at: Timestamp) async throws -> Int64 {
        try await writer.write { db in
            for id in [a, b] where try Int64.fetchOne(db, sql: "SELECT id FROM member WHERE id = ?", arguments: [id]) == nil {
                throw StoreError.unknownMember(id)
            }
            guard a != b else { return a }
            let identitiesA = try Int64.fetchAll(db, sql: "SELECT id FROM identity WHERE member_id = ? ORDER BY id", arguments: [a])
            let identitiesB = try Int64.fetchAll(db, sql: "SELECT id FROM identity WHERE member_id = ? ORDER BY id", arguments: [b])
            let survivor: Int64
            if let first = identitiesA.first, let second = identitiesB.first {
                // A split between any two of their accounts would refuse the merge: the newer ruling wins.
                for x in identitiesA {
                    for y in identitiesB {
                        try db.execute(
                            sql: "DELETE FROM identity_decision WHERE identity_a = ? AND identity_b = ?",
                            arguments: [min(x, y), max(x, y)])
                    }
                }
                try Self.recordDecision(db, IdentityDecision(kind: .merge, identityA: first, identityB: second, decidedAt: at))
                try Self.resolveIdentities(db)
                survivor = try Int64.fetchOne(db, sql: "SELECT member_id FROM identity WHERE id = ?", arguments: [first])!
            } else {
                // A member known only to the contributor program has no account to rule on: its
                // records move to the other member once, and it is gone.
                let (keep, drop) = identitiesA.isEmpty && !identitiesB.isEmpty ? (b, a) : (a, b)
                try Self.repointMember(db, from: drop, to: keep)
                try db.execute(sql: "DELETE FROM member WHERE id = ?", arguments: [drop])
                survivor = keep
            }
            try db.execute(sql: "UPDATE store_generation SET value = value + 1")
            return survivor
        }
    }

    public func splitIdentity(_ identityID: Int64, at: Timestamp) async throws -> Int64 {
        try await writer.write { db in
            guard let member = try Int64.fetchOne(db, sql: "SELECT member_id FROM identity WHERE id = ?", arguments: [identityID])
            else { throw StoreError.unknownIdentity(identityID) }
            let others = try Int64.fetchAll(
                db, sql: "SELECT id FROM identity WHERE member_id = ? AND id != ?", arguments: [member, identityID])
            try db.execute(
                sql: "DELETE FROM identity_decision WHERE kind = 'merge' AND (identity_a = ? OR identity_b = ?)",
                arguments: [identityID, identityID])
            for other in others {
                try Self.recordDecision(db, IdentityDecision(kind: .split, identityA: identityID, identityB: other, decidedAt: at))
            }
            try Self.resolveIdentities(db)
            try db.execute(sql: "UPDATE store_generation SET value = value + 1")
            return try Int64.fetchOne(db, sql: "SELECT member_id FROM identity WHERE id = ?", arguments: [identityID])!
        }
    }

    static func recordDecision(_ db: Database, _ decision: IdentityDecision) throws {
        try db.execute(
            sql: """
                INSERT INTO identity_decision (kind, identity_a, identity_b, decided_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (identity_a, identity_b) DO UPDATE SET kind = excluded.kind, decided_at = excluded.decided_at
                """,
            arguments: [decision.kind.rawValue, decision.identityA, decision.identityB, decision.decidedAt.microseconds])
    }

    static func identityRecords(_ db: Database) throws -> [IdentityRecord] {
        var emails: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT identity_id, email FROM identity_email ORDER BY identity_id, email") {
            emails[row[0], default: []].append(row[1])
        }
        // Raw rows: every import that adds accounts reads them all again (50,000 on the 1M bench).
        var records: [IdentityRecord] = []
        let statement = try db.makeStatement(
            sql: """
                SELECT i.id, i.member_id, i.workspace_id, w.name, i.platform, i.external_id, i.handle, i.display_name,
                    i.real_name, i.email, i.github_login, i.is_bot, i.is_deleted
                FROM identity i JOIN workspace w ON w.id = i.workspace_id ORDER BY i.id
                """)
        try RawRowCursor(statement).forEach { row in
            let id = row.int64(0)
            records.append(
                IdentityRecord(
                    id: id, memberID: row.int64(1), workspaceID: row.int64(2), workspaceName: row.string(3),
                    platform: Platform(rawValue: row.string(4)) ?? .slack, externalID: row.string(5),
                    handle: row.string(6), displayName: row.string(7), realName: row.optionalString(8),
                    email: row.optionalString(9), githubLogin: row.optionalString(10), otherEmails: emails[id] ?? [],
                    isBot: row.bool(11), isDeleted: row.bool(12)))
        }
        return records
    }

    static func identityDecisions(_ db: Database) throws -> [IdentityDecision] {
        try Row.fetchAll(
            db, sql: "SELECT kind, identity_a, identity_b, decided_at FROM identity_decision ORDER BY decided_at, id"
        ).map {
            IdentityDecision(
                kind: IdentityDecision.Kind(rawValue: $0[0]) ?? .merge, identityA: $0[1], identityB: $0[2],
                decidedAt: Timestamp(microseconds: $0[3]))
        }
    }

    /// Re-resolves every account and points each person's accounts at one member. A person keeps
    /// the oldest member id among their accounts (so the contributor program, page views and roles
    /// keyed by it stay put); records of a member that no account holds any more move to the
    /// person's member, and the empty member is removed. An account split off a person whose
    /// member id stays with the others gets a new member.
    static func resolveIdentities(_ db: Database) throws {
        let records = try identityRecords(db)
        let resolution = IdentityResolver().resolve(records, decisions: try identityDecisions(db))
        try apply(MemberAssignment(records: records, resolution: resolution), db)
    }

    /// Points each person's accounts at the member `assignment` gives them, creating and removing
    /// members as it says.
    static func apply(_ assignment: MemberAssignment, _ db: Database) throws {
        var created: [Int64] = []
        for name in assignment.newMembers {
            try db.execute(sql: "INSERT INTO member (display_name) VALUES (?)", arguments: [name])
            created.append(db.lastInsertedRowID)
        }
        let update = try db.cachedStatement(sql: "UPDATE identity SET member_id = ? WHERE id = ?")
        for (target, identities) in assignment.people {
            let member: Int64
            switch target {
            case .existing(let id): member = id
            case .new(let index): member = created[index]
            }
            for identity in identities { try update.execute(arguments: [member, identity]) }
        }
        for (from, to) in assignment.absorbed {
            try repointMember(db, from: from, to: to)
            try db.execute(sql: "DELETE FROM member WHERE id = ?", arguments: [from])
        }
    }

    /// Moves everything keyed by member `from` to member `to`.
    static func repointMember(_ db: Database, from: Int64, to: Int64) throws {
        let arguments: StatementArguments = [to, from]
        try db.execute(sql: "UPDATE submission SET author_member_id = ? WHERE author_member_id = ?", arguments: arguments)
        try db.execute(sql: "UPDATE submission SET editor_member_id = ? WHERE editor_member_id = ?", arguments: arguments)
        try db.execute(
            sql: "UPDATE submission_event SET editor_member_id = ? WHERE editor_member_id = ?", arguments: arguments)
        try db.execute(sql: "UPDATE role_grant SET member_id = ? WHERE member_id = ?", arguments: arguments)
        try db.execute(
            sql: "UPDATE OR IGNORE guideline_acceptance SET member_id = ? WHERE member_id = ?", arguments: arguments)
        try db.execute(sql: "DELETE FROM guideline_acceptance WHERE member_id = ?", arguments: [from])
        try db.execute(sql: "UPDATE page_view SET member_id = ? WHERE member_id = ?", arguments: arguments)
        try db.execute(sql: "UPDATE content_item SET author_member_id = ? WHERE author_member_id = ?", arguments: arguments)
    }
}
