import Foundation
import GRDB
import HeartbeatCore

/// `IngestTransaction` over one open GRDB transaction. Keeps the workspace's identity and space ids
/// in memory so the hot path (one insert per activity, reaction and mention) never looks them up.
final class SQLiteIngestTransaction: IngestTransaction {
    private let db: Database
    private let workspaceID: Int64
    private let platform: Platform
    private var identityIDs: [String: Int64] = [:]
    private var spaceIDs: [String: Int64] = [:]

    init(db: Database, workspace: Workspace) throws {
        self.db = db
        platform = workspace.platform
        try db.execute(
            sql: """
                INSERT INTO workspace (platform, external_id, name) VALUES (?, ?, ?)
                ON CONFLICT (platform, external_id) DO UPDATE SET name = excluded.name
                """, arguments: [workspace.platform.rawValue, workspace.externalID, workspace.name])
        workspaceID = try Int64.fetchOne(
            db, sql: "SELECT id FROM workspace WHERE platform = ? AND external_id = ?",
            arguments: [workspace.platform.rawValue, workspace.externalID])!
        for row in try Row.fetchAll(
            db, sql: "SELECT external_id, id FROM identity WHERE workspace_id = ?", arguments: [workspaceID])
        {
            identityIDs[row[0]] = row[1]
        }
        for row in try Row.fetchAll(
            db, sql: "SELECT external_id, id FROM space WHERE workspace_id = ?", arguments: [workspaceID])
        {
            spaceIDs[row[0]] = row[1]
        }
    }

    func upsertIdentities(_ identities: [Identity]) throws {
        let update = try db.cachedStatement(
            sql: """
                UPDATE identity SET handle = ?, display_name = ?, real_name = ?, email = ?, title = ?, time_zone = ?,
                    is_bot = ?, is_deleted = ?, is_admin = ?, is_placeholder = 0, github_login = ?
                WHERE id = ?
                """)
        for identity in identities {
            let id: Int64
            if let existing = identityIDs[identity.externalID] {
                id = existing
                try update.execute(arguments: [
                    identity.handle, identity.displayName, identity.realName, identity.email, identity.title,
                    identity.timeZone, identity.isBot, identity.isDeleted, identity.isAdmin, identity.githubLogin, id,
                ])
            } else {
                id = try insertIdentity(identity, placeholder: false)
            }
            if !identity.otherEmails.isEmpty {
                let insert = try db.cachedStatement(
                    sql: "INSERT INTO identity_email (identity_id, email) VALUES (?, ?) ON CONFLICT DO NOTHING")
                for email in identity.otherEmails { try insert.execute(arguments: [id, email]) }
            }
        }
        identitiesChanged = true
    }

    /// Set when accounts were added or updated: the store re-resolves identities before commit.
    private(set) var identitiesChanged = false

    private func insertIdentity(_ identity: Identity, placeholder: Bool) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT INTO member (display_name) VALUES (?)")
            .execute(arguments: [identity.displayName])
        let memberID = db.lastInsertedRowID
        try db.cachedStatement(
            sql: """
                INSERT INTO identity (member_id, workspace_id, platform, external_id, handle, display_name, real_name,
                    email, title, time_zone, is_bot, is_deleted, is_admin, is_placeholder, github_login)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            memberID, workspaceID, platform.rawValue, identity.externalID, identity.handle, identity.displayName,
            identity.realName, identity.email, identity.title, identity.timeZone, identity.isBot, identity.isDeleted,
            identity.isAdmin, placeholder, identity.githubLogin,
        ])
        let id = db.lastInsertedRowID
        identityIDs[identity.externalID] = id
        identitiesChanged = true
        return id
    }

    /// The id of an account known only from an activity: created as a placeholder the first time.
    private func identityID(for externalID: String, isBot: Bool) throws -> Int64 {
        if let id = identityIDs[externalID] { return id }
        return try insertIdentity(
            Identity(externalID: externalID, handle: externalID, displayName: externalID, isBot: isBot),
            placeholder: true)
    }

    func upsertSpaces(_ spaces: [Space]) throws {
        for space in spaces {
            let arguments: StatementArguments = [
                space.name, space.kind.rawValue, space.isArchived, space.createdAt?.microseconds, space.topic,
                space.purpose,
            ]
            if let id = spaceIDs[space.externalID] {
                try db.cachedStatement(
                    sql: """
                        UPDATE space SET name = ?, kind = ?, is_archived = ?, created_at = ?, topic = ?, purpose = ?
                        WHERE id = ?
                        """
                ).execute(arguments: arguments + [id])
            } else {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO space (name, kind, is_archived, created_at, topic, purpose, workspace_id, platform,
                            external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """
                ).execute(arguments: arguments + [workspaceID, platform.rawValue, space.externalID])
                spaceIDs[space.externalID] = db.lastInsertedRowID
            }
        }
    }

    func fingerprint(ofSource key: String) throws -> FileFingerprint? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT size, checksum FROM source_file WHERE workspace_id = ? AND key = ?"),
                arguments: [workspaceID, key])
        else { return nil }
        return FileFingerprint(size: row[0], checksum: row[1])
    }

    private func upsertSource(_ file: SourceFile, activityCount: Int) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO source_file (workspace_id, key, path, size, checksum, imported_at, activity_count, modified)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (workspace_id, key) DO UPDATE SET path = excluded.path, size = excluded.size,
                    checksum = excluded.checksum, imported_at = excluded.imported_at,
                    activity_count = excluded.activity_count, modified = excluded.modified
                """
        ).execute(arguments: [
            workspaceID, file.key, file.path, file.fingerprint.size, file.fingerprint.checksum,
            Timestamp(Date()).microseconds, activityCount, file.modified,
        ])
        return try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM source_file WHERE workspace_id = ? AND key = ?"),
            arguments: [workspaceID, file.key])!
    }

    func recordedSources() throws -> [String: RecordedSource] {
        var sources: [String: RecordedSource] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT key, size, checksum, modified FROM source_file WHERE workspace_id = ?",
            arguments: [workspaceID])
        while let row = try rows.next() {
            sources[row[0]] = RecordedSource(fingerprint: FileFingerprint(size: row[1], checksum: row[2]), modified: row[3])
        }
        return sources
    }

    func recordUnchanged(_ key: String, modified: Int64) throws {
        try db.cachedStatement(sql: "UPDATE source_file SET modified = ? WHERE workspace_id = ? AND key = ?")
            .execute(arguments: [modified, workspaceID, key])
    }

    func recordSource(_ file: SourceFile) throws {
        _ = try upsertSource(file, activityCount: 0)
    }

    func storedActivity(space: String, externalID: String) throws -> (time: Timestamp, authorID: String?)? {
        guard let spaceID = spaceIDs[space],
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT a.time, i.external_id FROM activity a LEFT JOIN identity i ON i.id = a.identity_id
                        WHERE a.space_id = ? AND a.external_id = ?
                        """), arguments: [spaceID, externalID])
        else { return nil }
        return (Timestamp(microseconds: row[0]), row[1])
    }

    func replaceSource(_ file: SourceFile, activitiesBySpace: [(space: String, activities: [Activity])]) throws -> Int {
        let sourceID = try upsertSource(file, activityCount: activitiesBySpace.reduce(0) { $0 + $1.activities.count })
        // What this file gave last time: one contiguous rowid range (see migration v6). Foreign
        // keys are off during an ingest (`SQLiteStore.ingest`), so the cascade to reactions and
        // mentions is spelled out.
        if let range = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT first_activity_id, last_activity_id FROM source_file WHERE id = ?"),
            arguments: [sourceID]), let first: Int64 = range[0], let last: Int64 = range[1]
        {
            for table in ["reaction", "mention"] {
                try db.cachedStatement(sql: "DELETE FROM \(table) WHERE activity_id BETWEEN ? AND ?")
                    .execute(arguments: [first, last])
            }
            try db.cachedStatement(sql: "DELETE FROM activity WHERE id BETWEEN ? AND ? AND source_file_id = ?")
                .execute(arguments: [first, last, sourceID])
        }
        var stored = 0
        var range: (first: Int64, last: Int64)?
        for (space, activities) in activitiesBySpace {
            stored += try insert(activities, space: space, sourceID: sourceID, range: &range)
        }
        try db.cachedStatement(sql: "UPDATE source_file SET first_activity_id = ?, last_activity_id = ? WHERE id = ?")
            .execute(arguments: [range?.first, range?.last, sourceID])
        return stored
    }

    private func insert(
        _ activities: [Activity], space spaceExternalID: String, sourceID: Int64, range: inout (first: Int64, last: Int64)?
    ) throws -> Int {
        if spaceIDs[spaceExternalID] == nil {
            try upsertSpaces([Space(externalID: spaceExternalID, name: spaceExternalID, kind: .publicChannel)])
        }
        let spaceID = spaceIDs[spaceExternalID]!
        var insertActivity = SQLiteRawStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO activity (space_id, identity_id, source_file_id, kind, subtype, time, external_id,
                        thread_root, parent_identity_id, text, is_question, edited_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (space_id, external_id) DO NOTHING
                    """), in: db)
        var insertReaction = SQLiteRawStatement(
            try db.cachedStatement(sql: "INSERT INTO reaction (activity_id, name, identity_id) VALUES (?, ?, ?)"), in: db)
        var insertMention = SQLiteRawStatement(
            try db.cachedStatement(sql: "INSERT INTO mention (activity_id, identity_id) VALUES (?, ?)"), in: db)
        var stored = 0
        for activity in activities {
            let author = try activity.authorID.map { try identityID(for: $0, isBot: activity.kind == .botMessage) }
            let parent = try activity.parentAuthorID.map { try identityID(for: $0, isBot: false) }
            insertActivity.bind(spaceID)
            insertActivity.bind(author)
            insertActivity.bind(sourceID)
            insertActivity.bind(Int64(activity.kind.rawValue))
            insertActivity.bind(activity.subtype)
            insertActivity.bind(activity.time.microseconds)
            insertActivity.bind(activity.externalID)
            insertActivity.bind(activity.threadRoot?.microseconds)
            insertActivity.bind(parent)
            insertActivity.bind(activity.text)
            insertActivity.bind(activity.isQuestion)
            insertActivity.bind(activity.editedAt?.microseconds)
            guard try insertActivity.execute() > 0 else { continue }
            stored += 1
            let activityID = insertActivity.lastInsertedRowID
            range = (range?.first ?? activityID, activityID)
            for reaction in activity.reactions {
                for user in reaction.userIDs {
                    insertReaction.bind(activityID)
                    insertReaction.bind(reaction.name)
                    insertReaction.bind(try identityID(for: user, isBot: false))
                    try insertReaction.execute()
                }
            }
            for mention in activity.mentions {
                guard let mentioned = identityIDs[mention] else { continue }
                insertMention.bind(activityID)
                insertMention.bind(mentioned)
                try insertMention.execute()
            }
        }
        return stored
    }
}
