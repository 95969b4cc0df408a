import Foundation
import HeartbeatCore
import Logging
import NIOCore
import PostgresNIO

/// `IngestTransaction` over one open PostgreSQL transaction. The importer calls it synchronously
/// from its own thread; rows are numbered here (ids from the database's sequences, taken in
/// blocks) and staged as `COPY` text, then sent in bulk: `COPY … FROM STDIN` into temporary
/// staging tables and one `INSERT … SELECT … ON CONFLICT DO NOTHING` per table into the real
/// ones. A message already stored (the same one in another file) is skipped by the conflict
/// clause, with its reactions, as in the SQLite store; `finish()` says how many were.
final class PostgresIngestTransaction: IngestTransaction {
    private let connection: PostgresConnection
    private let communityID: Int64
    private let logger: Logger
    private let workspaceID: Int64
    private let platform: Platform
    /// The workspace's accounts by external id, read on first use (`loadIdentityIDs`): a
    /// re-import that finds every file unchanged never needs the map.
    private var identityIDs: [String: Int64] = [:]
    private var identityIDsLoaded = false
    private var spaceIDs: [String: Int64] = [:]
    /// Every source file of the workspace: its id and what was recorded (kept current as files are replaced).
    private var sources: [String: (id: Int64, recorded: RecordedSource)] = [:]

    private var blockIDs = IDPool(sql: "SELECT nextval('id_block')", blockSize: 65_536)
    private var memberIDs = IDPool(sql: "SELECT nextval('member_id_seq') FROM generate_series(1, 4096)", blockSize: 1)
    private var identityPool = IDPool(sql: "SELECT nextval('identity_id_seq') FROM generate_series(1, 4096)", blockSize: 1)

    private var newMembers = CopyText()
    private var newIdentities = CopyText()
    private var identityUpdates = CopyText()
    private var emails = CopyText()
    private var sourceRows = CopyText()
    private var activities = CopyText()
    private var reactions = CopyText()
    private var mentions = CopyText()
    /// True while the community held no activity when the import began and no repeated message
    /// has turned up: rows then go straight into the tables with `COPY` (nothing can conflict),
    /// skipping the staging tables. A unique violation (the same message twice in this export)
    /// rolls that back to a savepoint and takes the staged path from then on.
    private var copyDirectly: Bool
    /// Sources replaced since the last flush: their earlier rows go before the new ones arrive.
    private var replacedSources: [Int64] = []
    /// Each space's earliest and latest time among the activities staged by this import (see
    /// `writeSpans`).
    private var stagedSpans: [Int64: (first: Int64, last: Int64)] = [:]
    /// Spaces whose span is counted again from the table at the end: they lost the rows of a
    /// replaced file, or some staged rows were already stored (kept as they were).
    private var recountedSpaces: Set<Int64> = []
    private var stagingCreated = false

    /// Set when accounts were added or updated: the store re-resolves identities before commit.
    private(set) var identitiesChanged = false
    /// Activities sent in this import (stored or skipped as repeats): how much the tables grew.
    private(set) var activitiesStaged = 0
    /// Activities counted by `replaceSource` that the database already held.
    private var alreadyStored = 0

    /// Staged bytes that trigger a flush: bounds memory whatever the export's size.
    static let flushBytes = 16 << 20

    init(connection: PostgresConnection, communityID: Int64, workspace: Workspace, logger: Logger) throws {
        self.connection = connection
        self.communityID = communityID
        self.logger = logger
        platform = workspace.platform
        copyDirectly = !(try Self.run(
            connection, "SELECT EXISTS (SELECT 1 FROM activity WHERE community_id = \(communityID))", logger: logger
        ).rows[0].decode(Bool.self))
        workspaceID = try Self.run(
            connection,
            """
            INSERT INTO workspace (community_id, platform, external_id, name)
            VALUES (\(communityID), \(workspace.platform.rawValue), \(workspace.externalID), \(workspace.name))
            ON CONFLICT (community_id, platform, external_id) DO UPDATE SET name = excluded.name
            RETURNING id
            """, logger: logger
        ).rows[0].decode(Int64.self)
        for row in try run("SELECT external_id, id FROM space WHERE community_id = \(communityID) AND workspace_id = \(workspaceID)").rows {
            let (externalID, id) = try row.decode((String, Int64).self)
            spaceIDs[externalID] = id
        }
        for row in try run(
            """
            SELECT key, id, size, checksum, modified, imported_at FROM source_file
            WHERE community_id = \(communityID) AND workspace_id = \(workspaceID)
            """
        ).rows {
            let (key, id, size, checksum, modified, importedAt) = try row.decode((String, Int64, Int64, String, Int64?, Int64).self)
            sources[key] = (
                id, RecordedSource(fingerprint: FileFingerprint(size: size, checksum: checksum), modified: modified, recordedAt: importedAt)
            )
        }
    }

    // MARK: Blocking calls from the importer's thread

    @discardableResult
    private static func run(_ connection: PostgresConnection, _ query: PostgresQuery, logger: Logger) throws -> PostgresQueryResult {
        try connection.query(query, logger: logger).wait()
    }

    @discardableResult
    private func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try Self.run(connection, query, logger: logger)
    }

    /// Sends staged rows with `COPY table (columns) FROM STDIN`, in pieces of 1 MiB.
    private func copy(_ rows: inout CopyText, into table: String, columns: [String]) throws {
        guard !rows.isEmpty else { return }
        try copy(rows.take(), into: table, columns: columns)
    }

    private func copy(_ data: ByteBuffer, into table: String, columns: [String]) throws {
        guard data.readableBytes > 0 else { return }
        let connection = connection
        let logger = logger
        try Blocking.run {
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                var remaining = data
                while remaining.readableBytes > 0 {
                    let piece = remaining.readSlice(length: min(1 << 20, remaining.readableBytes))!
                    try await writer.write(piece)
                }
            }
        }
    }

    // MARK: IngestTransaction

    private func loadIdentityIDs() throws {
        guard !identityIDsLoaded else { return }
        identityIDsLoaded = true
        for row in try run("SELECT external_id, id FROM identity WHERE community_id = \(communityID) AND workspace_id = \(workspaceID)").rows {
            let (externalID, id) = try row.decode((String, Int64).self)
            identityIDs[externalID] = id
        }
    }

    func upsertIdentities(_ identities: [Identity]) throws {
        try loadIdentityIDs()
        for identity in identities {
            let id: Int64
            if let existing = identityIDs[identity.externalID] {
                id = existing
                identityUpdates.int(id)
                Self.appendProfile(of: identity, to: &identityUpdates)
                identityUpdates.endRow()
            } else {
                id = try insertIdentity(identity, placeholder: false)
            }
            for email in identity.otherEmails {
                emails.int(id)
                emails.text(email)
                emails.endRow()
            }
        }
        identitiesChanged = true
    }

    private func insertIdentity(_ identity: Identity, placeholder: Bool) throws -> Int64 {
        let memberID = try memberIDs.next(run)
        let id = try identityPool.next(run)
        newMembers.int(communityID)
        newMembers.int(memberID)
        newMembers.text(identity.displayName)
        newMembers.endRow()
        newIdentities.int(communityID)
        newIdentities.int(id)
        newIdentities.int(memberID)
        newIdentities.int(workspaceID)
        newIdentities.text(platform.rawValue)
        newIdentities.text(identity.externalID)
        Self.appendProfile(of: identity, to: &newIdentities)
        newIdentities.bool(placeholder)
        newIdentities.endRow()
        identityIDs[identity.externalID] = id
        identitiesChanged = true
        return id
    }

    private static let activityColumns = [
        "community_id", "id", "space_id", "identity_id", "source_file_id", "kind", "subtype", "time", "external_id",
        "thread_root", "parent_identity_id", "text", "is_question", "edited_at",
    ]
    private static let reactionColumns = ["community_id", "activity_id", "name", "identity_id"]
    private static let mentionColumns = ["community_id", "activity_id", "identity_id"]

    /// What an export says about an account, in the order `appendProfile` writes it: the columns a
    /// new account is copied with and an update of a known one sets.
    private static let profileColumns = [
        "handle", "display_name", "real_name", "email", "title", "time_zone", "is_bot", "is_deleted", "is_admin",
        "github_login", "bot_id",
    ]
    private static let identityColumns =
        ["community_id", "id", "member_id", "workspace_id", "platform", "external_id"] + profileColumns + ["is_placeholder"]

    private static func appendProfile(of identity: Identity, to rows: inout CopyText) {
        rows.text(identity.handle)
        rows.text(identity.displayName)
        rows.text(identity.realName)
        rows.text(identity.email)
        rows.text(identity.title)
        rows.text(identity.timeZone)
        rows.bool(identity.isBot)
        rows.bool(identity.isDeleted)
        rows.bool(identity.isAdmin)
        rows.text(identity.githubLogin)
        rows.text(identity.botID)
    }

    /// The id of an account known only from an activity: created as a placeholder the first time.
    private func identityID(for externalID: String, isBot: Bool) throws -> Int64 {
        if let id = identityIDs[externalID] { return id }
        return try insertIdentity(
            Identity(externalID: externalID, handle: externalID, displayName: externalID, isBot: isBot), placeholder: true)
    }

    func upsertSpaces(_ spaces: [Space]) throws {
        for space in spaces {
            if let id = spaceIDs[space.externalID] {
                try run(
                    """
                    UPDATE space SET name = \(space.name), kind = \(space.kind.rawValue), is_archived = \(space.isArchived),
                        created_at = \(space.createdAt?.microseconds), topic = \(space.topic), purpose = \(space.purpose)
                    WHERE community_id = \(communityID) AND id = \(id)
                    """)
            } else {
                let id = try run(
                    """
                    INSERT INTO space (community_id, workspace_id, platform, external_id, name, kind, is_archived,
                        created_at, topic, purpose)
                    VALUES (\(communityID), \(workspaceID), \(platform.rawValue), \(space.externalID), \(space.name),
                        \(space.kind.rawValue), \(space.isArchived), \(space.createdAt?.microseconds), \(space.topic),
                        \(space.purpose))
                    RETURNING id
                    """
                ).rows[0].decode(Int64.self)
                spaceIDs[space.externalID] = id
            }
        }
    }

    func fingerprint(ofSource key: String) throws -> FileFingerprint? { sources[key]?.recorded.fingerprint }

    func recordedSources() throws -> [String: RecordedSource] { sources.mapValues(\.recorded) }

    func recordedSource(_ key: String) throws -> RecordedSource? { sources[key]?.recorded }

    func storedSpaces() throws -> [Space] {
        try run("SELECT external_id, name, kind FROM space WHERE community_id = \(communityID) AND workspace_id = \(workspaceID) ORDER BY id")
            .rows.map { row in
                let (externalID, name, kind) = try row.decode((String, String, String).self)
                return Space(externalID: externalID, name: name, kind: Space.Kind(rawValue: kind) ?? .publicChannel)
            }
    }

    func storedMemberList() throws -> StoredMemberList {
        let count = try storedAccountCount()
        let bots = try run(
            """
            SELECT external_id, is_bot, bot_id FROM identity
            WHERE community_id = \(communityID) AND workspace_id = \(workspaceID) AND NOT is_placeholder
                AND (is_bot OR bot_id IS NOT NULL)
            """
        ).rows.map { row in
            let (externalID, isBot, botID) = try row.decode((String, Bool, String?).self)
            return StoredBotAccount(externalID: externalID, isBot: isBot, botID: botID)
        }
        return StoredMemberList(accountCount: count, bots: bots)
    }

    func storedAccountCount() throws -> Int {
        try flush()
        return Int(
            try run(
                """
                SELECT COUNT(*) FROM identity
                WHERE community_id = \(communityID) AND workspace_id = \(workspaceID) AND NOT is_placeholder
                """
            ).rows[0].decode(Int64.self))
    }

    func recordUnchanged(_ key: String, modified: Int64) throws {
        guard var source = sources[key] else { return }
        source.recorded.modified = modified
        source.recorded.recordedAt = Timestamp(Date()).microseconds
        sources[key] = source
        stageSource(id: source.id, key: key, path: nil, recorded: source.recorded, activityCount: nil)
    }

    func recordSource(_ file: SourceFile) throws {
        _ = try upsertSource(file, activityCount: 0)
    }

    /// Stages the source row and returns its id (the stored one, or a new one).
    private func upsertSource(_ file: SourceFile, activityCount: Int) throws -> (id: Int64, replaced: Bool) {
        let existing = sources[file.key]
        let id = try existing?.id ?? blockIDs.next(run)
        let recorded = RecordedSource(fingerprint: file.fingerprint, modified: file.modified, recordedAt: Timestamp(Date()).microseconds)
        sources[file.key] = (id, recorded)
        stageSource(id: id, key: file.key, path: file.path, recorded: recorded, activityCount: activityCount)
        return (id, existing != nil)
    }

    /// `path` and `activityCount` nil: keep the stored ones (a file recorded unchanged).
    private func stageSource(id: Int64, key: String, path: String?, recorded: RecordedSource, activityCount: Int?) {
        sourceRows.int(id)
        sourceRows.text(key)
        sourceRows.text(path)
        sourceRows.int(recorded.fingerprint.size)
        sourceRows.text(recorded.fingerprint.checksum)
        sourceRows.int(recorded.recordedAt)
        sourceRows.int(activityCount.map(Int64.init))
        sourceRows.int(recorded.modified)
        sourceRows.endRow()
    }

    func storedActivity(space: String, externalID: String) throws -> (time: Timestamp, authorID: String?)? {
        guard let spaceID = spaceIDs[space] else { return nil }
        try flush()
        guard
            let row = try run(
                """
                SELECT a.time, i.external_id FROM activity a
                LEFT JOIN identity i ON i.community_id = a.community_id AND i.id = a.identity_id
                WHERE a.community_id = \(communityID) AND a.space_id = \(spaceID) AND a.external_id = \(externalID)
                """
            ).rows.first
        else { return nil }
        let (time, author) = try row.decode((Int64, String?).self)
        return (Timestamp(microseconds: time), author)
    }

    func replaceSource(_ file: SourceFile, activitiesBySpace: [(space: String, activities: [Activity])]) throws -> Int {
        try loadIdentityIDs()
        let source = try upsertSource(file, activityCount: activitiesBySpace.reduce(0) { $0 + $1.activities.count })
        if source.replaced { replacedSources.append(source.id) }
        var staged = 0
        for (spaceExternalID, list) in activitiesBySpace {
            if spaceIDs[spaceExternalID] == nil {
                try upsertSpaces([Space(externalID: spaceExternalID, name: spaceExternalID, kind: .publicChannel)])
            }
            let spaceID = spaceIDs[spaceExternalID]!
            if let first = list.lazy.map(\.time.microseconds).min(), let last = list.lazy.map(\.time.microseconds).max() {
                let known = stagedSpans[spaceID] ?? (first, last)
                stagedSpans[spaceID] = (min(known.first, first), max(known.last, last))
            }
            for activity in list {
                let id = try blockIDs.next(run)
                let author = try activity.authorID.map { try identityID(for: $0, isBot: activity.kind == .botMessage) }
                let parent = try activity.parentAuthorID.map { try identityID(for: $0, isBot: false) }
                activities.int(communityID)
                activities.int(id)
                activities.int(spaceID)
                activities.int(author)
                activities.int(source.id)
                activities.int(Int64(activity.kind.rawValue))
                activities.text(activity.subtype)
                activities.int(activity.time.microseconds)
                activities.text(activity.externalID)
                activities.int(activity.threadRoot?.microseconds)
                activities.int(parent)
                activities.text(activity.text)
                activities.bool(activity.isQuestion)
                activities.int(activity.editedAt?.microseconds)
                activities.endRow()
                for reaction in activity.reactions {
                    for user in reaction.userIDs {
                        let reactor = try identityID(for: user, isBot: false)
                        reactions.int(communityID)
                        reactions.int(id)
                        reactions.text(reaction.name)
                        reactions.int(reactor)
                        reactions.endRow()
                    }
                }
                for mention in activity.mentions {
                    guard let mentioned = identityIDs[mention] else { continue }
                    mentions.int(communityID)
                    mentions.int(id)
                    mentions.int(mentioned)
                    mentions.endRow()
                }
                staged += 1
            }
        }
        activitiesStaged += staged
        if activities.byteCount + reactions.byteCount + newIdentities.byteCount > Self.flushBytes { try flush() }
        return staged
    }

    /// Brings `space_span` up to date with this import, after the last flush: the staged spans
    /// widen the stored ones, and the spaces in `recountedSpaces` are counted again from the
    /// table, so each span is exactly its space's earliest and latest activity.
    func writeSpans() throws {
        let c = communityID
        if !stagedSpans.isEmpty {
            let spaces = Array(stagedSpans.keys)
            let firsts = spaces.map { stagedSpans[$0]!.first }, lasts = spaces.map { stagedSpans[$0]!.last }
            try run(
                """
                INSERT INTO space_span (community_id, space_id, first_time, last_time)
                SELECT \(c)::bigint, s.space_id, s.first_time, s.last_time
                FROM unnest(\(spaces)::bigint[], \(firsts)::bigint[], \(lasts)::bigint[]) AS s(space_id, first_time, last_time)
                ON CONFLICT (community_id, space_id) DO UPDATE SET
                    first_time = LEAST(space_span.first_time, excluded.first_time),
                    last_time = GREATEST(space_span.last_time, excluded.last_time)
                """)
            stagedSpans = [:]
        }
        if !recountedSpaces.isEmpty {
            let spaces = Array(recountedSpaces)
            try run("DELETE FROM space_span WHERE community_id = \(c) AND space_id = ANY(\(spaces))")
            try run(
                """
                INSERT INTO space_span (community_id, space_id, first_time, last_time)
                SELECT \(c)::bigint, space_id, MIN(time), MAX(time) FROM activity
                WHERE community_id = \(c) AND space_id = ANY(\(spaces)) GROUP BY space_id
                """)
            recountedSpaces = []
        }
    }

    func finish() throws -> Int {
        try flush()
        return alreadyStored
    }

    // MARK: Sending staged rows

    private func createStaging() throws {
        guard !stagingCreated else { return }
        for statement: PostgresQuery in [
            """
            CREATE TEMP TABLE stage_activity (community_id BIGINT, id BIGINT, space_id BIGINT, identity_id BIGINT, source_file_id BIGINT,
                kind INTEGER, subtype TEXT, time BIGINT, external_id TEXT, thread_root BIGINT, parent_identity_id BIGINT,
                text TEXT, is_question BOOLEAN, edited_at BIGINT) ON COMMIT DROP
            """,
            """
            CREATE TEMP TABLE stage_reaction (ord BIGSERIAL, community_id BIGINT, activity_id BIGINT, name TEXT,
                identity_id BIGINT) ON COMMIT DROP
            """,
            """
            CREATE TEMP TABLE stage_mention (ord BIGSERIAL, community_id BIGINT, activity_id BIGINT, identity_id BIGINT)
                ON COMMIT DROP
            """,
            """
            CREATE TEMP TABLE stage_source (id BIGINT, key TEXT, path TEXT, size BIGINT, checksum TEXT, imported_at BIGINT,
                activity_count BIGINT, modified BIGINT) ON COMMIT DROP
            """,
            """
            CREATE TEMP TABLE stage_identity (id BIGINT, handle TEXT, display_name TEXT, real_name TEXT, email TEXT,
                title TEXT, time_zone TEXT, is_bot BOOLEAN, is_deleted BOOLEAN, is_admin BOOLEAN, github_login TEXT,
                bot_id TEXT)
                ON COMMIT DROP
            """,
            "CREATE TEMP TABLE stage_email (identity_id BIGINT, email TEXT) ON COMMIT DROP",
        ] {
            try run(statement)
        }
        stagingCreated = true
    }

    /// Sends everything staged, in dependency order: members, accounts, files, then the earlier
    /// rows of replaced files out and the new activities, reactions and mentions in.
    func flush() throws {
        let c = communityID
        try copy(&newMembers, into: "member", columns: ["community_id", "id", "display_name"])
        try copy(&newIdentities, into: "identity", columns: Self.identityColumns)
        if !identityUpdates.isEmpty || !emails.isEmpty || !sourceRows.isEmpty || !activities.isEmpty {
            try createStaging()
        }
        if !identityUpdates.isEmpty {
            try copy(
                &identityUpdates, into: "stage_identity",
                columns: ["id"] + Self.profileColumns)
            try run(
                """
                UPDATE identity i SET handle = s.handle, display_name = s.display_name, real_name = s.real_name,
                    email = s.email, title = s.title, time_zone = s.time_zone, is_bot = s.is_bot, is_deleted = s.is_deleted,
                    is_admin = s.is_admin, is_placeholder = false, github_login = s.github_login, bot_id = s.bot_id
                FROM stage_identity s WHERE i.community_id = \(c) AND i.id = s.id
                """)
            try run("TRUNCATE stage_identity")
        }
        if !emails.isEmpty {
            try copy(&emails, into: "stage_email", columns: ["identity_id", "email"])
            try run(
                """
                INSERT INTO identity_email (community_id, identity_id, email)
                SELECT DISTINCT \(c)::bigint, identity_id, email FROM stage_email ON CONFLICT DO NOTHING
                """)
            try run("TRUNCATE stage_email")
        }
        if !sourceRows.isEmpty {
            try copy(
                &sourceRows, into: "stage_source",
                columns: ["id", "key", "path", "size", "checksum", "imported_at", "activity_count", "modified"])
            // The last staged row of a file wins (a file recorded, then replaced, in one run).
            try run(
                """
                INSERT INTO source_file (community_id, id, workspace_id, key, path, size, checksum, imported_at,
                    activity_count, modified)
                SELECT DISTINCT ON (key) \(c)::bigint, id, \(workspaceID)::bigint, key, COALESCE(path, ''), size, checksum,
                    imported_at, COALESCE(activity_count, 0), modified
                FROM stage_source ORDER BY key, ctid DESC
                ON CONFLICT (community_id, workspace_id, key) DO UPDATE SET
                    path = CASE WHEN excluded.path = '' THEN source_file.path ELSE excluded.path END,
                    size = excluded.size, checksum = excluded.checksum, imported_at = excluded.imported_at,
                    activity_count = CASE WHEN excluded.path = '' THEN source_file.activity_count ELSE excluded.activity_count END,
                    modified = excluded.modified
                """)
            try run("TRUNCATE stage_source")
        }
        if !replacedSources.isEmpty {
            let replaced = replacedSources
            replacedSources = []
            for table in ["reaction", "mention"] {
                try run(
                    """
                    DELETE FROM \(unescaped: table) WHERE community_id = \(c) AND activity_id IN (
                        SELECT id FROM activity WHERE community_id = \(c) AND source_file_id = ANY(\(replaced)))
                    """)
            }
            for row in try run(
                """
                WITH gone AS (
                    DELETE FROM activity WHERE community_id = \(c) AND source_file_id = ANY(\(replaced)) RETURNING space_id)
                SELECT DISTINCT space_id FROM gone
                """
            ).rows {
                recountedSpaces.insert(try row.decode(Int64.self))
            }
        }
        guard !activities.isEmpty else { return }
        let staged = activities.rows
        let activityData = activities.take()
        let reactionData = reactions.take()
        let mentionData = mentions.take()
        if copyDirectly {
            try run("SAVEPOINT direct_copy")
            do {
                try copy(activityData, into: "activity", columns: Self.activityColumns)
                try copy(reactionData, into: "reaction", columns: Self.reactionColumns)
                try copy(mentionData, into: "mention", columns: Self.mentionColumns)
                try run("RELEASE SAVEPOINT direct_copy")
                return
            } catch {
                try run("ROLLBACK TO SAVEPOINT direct_copy")
                copyDirectly = false
            }
        }
        try createStaging()
        try copy(activityData, into: "stage_activity", columns: Self.activityColumns)
        let inserted =
            try run(
                """
                INSERT INTO activity (\(unescaped: Self.activityColumns.joined(separator: ", ")))
                SELECT \(unescaped: Self.activityColumns.joined(separator: ", ")) FROM stage_activity ORDER BY id
                ON CONFLICT (community_id, space_id, external_id) DO NOTHING
                """
            ).metadata.rows ?? 0
        alreadyStored += staged - inserted
        if inserted < staged { recountedSpaces.formUnion(stagedSpans.keys) }
        // Links of skipped activities are skipped too; when none was skipped there is nothing to check.
        let onlyKept: String =
            inserted < staged
            ? " WHERE EXISTS (SELECT 1 FROM activity a WHERE a.community_id = \(c) AND a.id = s.activity_id)" : ""
        if reactionData.readableBytes > 0 {
            try copy(reactionData, into: "stage_reaction", columns: Self.reactionColumns)
            try run(
                """
                INSERT INTO reaction (community_id, activity_id, name, identity_id)
                SELECT s.community_id, s.activity_id, s.name, s.identity_id FROM stage_reaction s\(unescaped: onlyKept)
                ORDER BY s.ord
                """)
        }
        if mentionData.readableBytes > 0 {
            try copy(mentionData, into: "stage_mention", columns: Self.mentionColumns)
            try run(
                """
                INSERT INTO mention (community_id, activity_id, identity_id)
                SELECT s.community_id, s.activity_id, s.identity_id FROM stage_mention s\(unescaped: onlyKept) ORDER BY s.ord
                """)
        }
        try run("TRUNCATE stage_activity, stage_reaction, stage_mention")
    }
}

/// Ids taken from a sequence ahead of use: `nextval` of a block sequence yields `blockSize` ids
/// (block × size …), or a query returns many ids at once (`blockSize` 1: each row is one id).
struct IDPool {
    let sql: String
    let blockSize: Int64
    private var available: [Int64] = []
    private var next = 0
    private var blockNext: Int64 = 0
    private var blockEnd: Int64 = 0

    init(sql: String, blockSize: Int64) {
        self.sql = sql
        self.blockSize = blockSize
    }

    mutating func next(_ run: (PostgresQuery) throws -> PostgresQueryResult) throws -> Int64 {
        if blockSize > 1 {
            if blockNext == blockEnd {
                let block = try run(PostgresQuery(unsafeSQL: sql)).rows[0].decode(Int64.self)
                blockNext = block * blockSize
                blockEnd = blockNext + blockSize
            }
            defer { blockNext += 1 }
            return blockNext
        }
        if next == available.count {
            available = try run(PostgresQuery(unsafeSQL: sql)).rows.map { try $0.decode(Int64.self) }
            next = 0
        }
        defer { next += 1 }
        return available[next]
    }
}

/// Runs async work to completion from a synchronous caller that is not on Swift's cooperative
/// pool (the importer's own thread), which waits for it.
enum Blocking {
    static func run(_ work: @escaping @Sendable () async throws -> Void) throws {
        let semaphore = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            do {
                try await work()
            } catch {
                outcome.error = error
            }
            semaphore.signal()
        }
        semaphore.wait()
        if let error = outcome.error { throw error }
    }

    private final class Outcome: @unchecked Sendable {
        var error: (any Error)?
    }
}
