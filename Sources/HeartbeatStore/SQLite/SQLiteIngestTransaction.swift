import Foundation
import GRDB
import HeartbeatCore

/// `IngestTransaction` over one open GRDB transaction. Keeps the workspace's identity and space ids
/// in memory so the hot path (one insert per activity, reaction and mention) never looks them up.
final class SQLiteIngestTransaction: IngestTransaction {
    private let db: Database
    private let workspaceID: Int64
    private let platform: Platform
    /// The workspace's accounts by external id: read whole when accounts are upserted or many are
    /// asked for (`loadIdentityIDs`), else filled one indexed lookup at a time (`knownIdentityID`):
    /// a re-import that finds a few new day files asks for a few hundred of 50,000 accounts, and
    /// reading them all took longer than everything else it wrote (0.012 s).
    private var identityIDs = IdentityIDMap()
    private var identityIDsLoaded = false
    /// Accounts looked up one by one so far; past `Self.lookupsBeforeLoading` the map is read whole.
    private var identityLookups = 0
    private static let lookupsBeforeLoading = 2_000
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
        tableEndAtStart = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM activity") ?? 0
        nextActivityID = tableEndAtStart + 1
        for row in try Row.fetchAll(
            db, sql: "SELECT external_id, id FROM space WHERE workspace_id = ?", arguments: [workspaceID])
        {
            spaceIDs[row[0]] = row[1]
        }
    }

    private func loadIdentityIDs() throws {
        guard !identityIDsLoaded else { return }
        identityIDsLoaded = true
        // Sized first and raw rows: a GRDB `Row` per account and the map's rehashing as it grew
        // cost twice the time (50,000 accounts: 0.03 s).
        identityIDs = IdentityIDMap(
            minimumCapacity: try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM identity WHERE workspace_id = ?", arguments: [workspaceID]) ?? 0)
        let statement = try db.makeStatement(sql: "SELECT external_id, id FROM identity WHERE workspace_id = ?")
        try RawRowCursor(statement, arguments: [workspaceID]).forEach { row in
            identityIDs[row.string(0)] = row.int64(1)
        }
    }

    /// The id of the workspace's account `externalID`, if it has one.
    private func knownIdentityID(_ externalID: String) throws -> Int64? {
        if let id = identityIDs[externalID] { return id }
        guard !identityIDsLoaded else { return nil }
        identityLookups += 1
        if identityLookups > Self.lookupsBeforeLoading {
            try loadIdentityIDs()
            return identityIDs[externalID]
        }
        var select = SQLiteRawStatement(
            try db.cachedStatement(sql: "SELECT id FROM identity WHERE workspace_id = ? AND external_id = ?"), in: db)
        select.bind(workspaceID)
        select.bind(externalID)
        guard let id = try select.fetchOneIfAny({ $0.int64(0) }) else { return nil }
        identityIDs[externalID] = id
        return id
    }

    func upsertIdentities(_ identities: [Identity]) throws {
        try loadIdentityIDs()
        let update = try db.cachedStatement(
            sql: """
                UPDATE identity SET handle = ?, display_name = ?, real_name = ?, email = ?, title = ?, time_zone = ?,
                    is_bot = ?, is_deleted = ?, is_admin = ?, is_placeholder = 0, github_login = ?, bot_id = ?
                WHERE id = ?
                """)
        for identity in identities {
            let id: Int64
            if let existing = identityIDs[identity.externalID] {
                id = existing
                var statement = SQLiteRawStatement(update, in: db)
                Self.bindProfile(of: identity, to: &statement)
                statement.bind(id)
                try statement.execute()
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
        // The member list is in: who is one person can be worked out now, on another core.
        resolutionAhead = IdentityResolutionAhead(
            records: try SQLiteStore.identityRecords(db), decisions: try SQLiteStore.identityDecisions(db))
        changedSinceAhead = false
    }

    /// Set when accounts were added or updated: the store re-resolves identities before commit.
    private(set) var identitiesChanged = false
    /// Started by the last `upsertIdentities`; still good for commit while `changedSinceAhead` is
    /// false (only accounts that stand alone were added since).
    private var resolutionAhead: IdentityResolutionAhead?
    private var changedSinceAhead = false

    /// Points every account at its person's member before commit: from the resolution worked
    /// out ahead when it still holds, otherwise from all accounts as they are now.
    func resolveIdentities() throws {
        if let resolutionAhead, !changedSinceAhead {
            try SQLiteStore.apply(resolutionAhead.assignment(), db)
        } else {
            try SQLiteStore.resolveIdentities(db)
        }
    }

    /// The profile columns, in the order both account statements name them: handle, display_name,
    /// real_name, email, title, time_zone, is_bot, is_deleted, is_admin, github_login, bot_id.
    private static func bindProfile(of identity: Identity, to statement: inout SQLiteRawStatement) {
        statement.bind(identity.handle)
        statement.bind(identity.displayName)
        statement.bind(identity.realName)
        statement.bind(identity.email)
        statement.bind(identity.title)
        statement.bind(identity.timeZone)
        statement.bind(identity.isBot)
        statement.bind(identity.isDeleted)
        statement.bind(identity.isAdmin)
        statement.bind(identity.githubLogin)
        statement.bind(identity.botID)
    }

    /// Bound through `SQLiteRawStatement`: GRDB's boxed arguments cost more than the two inserts
    /// themselves on a first import (50,000 accounts).
    private func insertIdentity(_ identity: Identity, placeholder: Bool) throws -> Int64 {
        var member = SQLiteRawStatement(try db.cachedStatement(sql: "INSERT INTO member (display_name) VALUES (?)"), in: db)
        member.bind(identity.displayName)
        try member.execute()
        var insert = SQLiteRawStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO identity (member_id, workspace_id, platform, external_id, is_placeholder, handle,
                        display_name, real_name, email, title, time_zone, is_bot, is_deleted, is_admin, github_login,
                        bot_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """), in: db)
        let memberID = member.lastInsertedRowID
        insert.bind(memberID)
        insert.bind(workspaceID)
        insert.bind(platform.rawValue)
        insert.bind(identity.externalID)
        insert.bind(placeholder)
        Self.bindProfile(of: identity, to: &insert)
        try insert.execute()
        let id = insert.lastInsertedRowID
        identityIDs[identity.externalID] = id
        identitiesChanged = true
        if resolutionAhead != nil, !changedSinceAhead {
            let record = IdentityRecord(
                id: id, memberID: memberID, workspaceID: workspaceID, workspaceName: "", platform: platform,
                externalID: identity.externalID, handle: identity.handle, displayName: identity.displayName,
                email: identity.email, githubLogin: identity.githubLogin, otherEmails: identity.otherEmails)
            changedSinceAhead = !(placeholder && IdentityResolver().standsAlone(record))
        }
        return id
    }

    /// The id of an account known only from an activity: created as a placeholder the first time.
    private func identityID(for externalID: String, isBot: Bool) throws -> Int64 {
        if let id = try knownIdentityID(externalID) { return id }
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

    /// Inserts or updates the file's record; returns its id and the activity ids it gave last
    /// time (nil when new or when it gave none). Raw bindings: a first import records 33,000
    /// files, and through GRDB's arguments the three statements cost as much as a file's
    /// activities. Not one `INSERT … RETURNING`: with it the upsert ran with a statement journal
    /// (strace showed two pages copied to a temporary file per day file; system time of a first
    /// import 0.7 -> 1.0 s).
    /// Records a file not recorded before, with the id range its activities will take
    /// (`range`, `nil` for none); `nil` when the file has a record already (nothing written).
    /// One statement where `upsertSource` takes two and the range a third (an `UPDATE` once the
    /// activities are stored): ~4 µs per file, 0.13 s of the writer in a first import of the 1M
    /// bench's 33,191 files.
    private func insertNewSource(
        _ file: SourceFile, activityCount: Int, range: (first: Int64, last: Int64)?
    ) throws -> Int64? {
        var insert = SQLiteRawStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO source_file (workspace_id, key, path, size, checksum, imported_at, activity_count, modified,
                        contents, first_activity_id, last_activity_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (workspace_id, key) DO NOTHING
                    """), in: db)
        bindRecord(of: file, activityCount: activityCount, to: &insert)
        insert.bind(range?.first)
        insert.bind(range?.last)
        return try insert.execute() == 1 ? insert.lastInsertedRowID : nil
    }

    /// A file record's first nine columns, in the order both statements name them.
    private func bindRecord(of file: SourceFile, activityCount: Int, to statement: inout SQLiteRawStatement) {
        statement.bind(workspaceID)
        statement.bind(file.key)
        statement.bind(file.path)
        statement.bind(file.fingerprint.size)
        statement.bind(file.fingerprint.checksum)
        statement.bind(Timestamp(Date()).microseconds)
        statement.bind(Int64(activityCount))
        statement.bind(file.modified)
        statement.bind(file.contents)
    }

    private func upsertSource(
        _ file: SourceFile, activityCount: Int
    ) throws -> (id: Int64, previous: (first: Int64, last: Int64)?) {
        var upsert = SQLiteRawStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO source_file (workspace_id, key, path, size, checksum, imported_at, activity_count, modified,
                        contents)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (workspace_id, key) DO UPDATE SET path = excluded.path, size = excluded.size,
                        checksum = excluded.checksum, imported_at = excluded.imported_at,
                        activity_count = excluded.activity_count, modified = excluded.modified,
                        contents = excluded.contents
                    """), in: db)
        bindRecord(of: file, activityCount: activityCount, to: &upsert)
        try upsert.execute()
        var select = SQLiteRawStatement(
            try db.cachedStatement(
                sql: "SELECT id, first_activity_id, last_activity_id FROM source_file WHERE workspace_id = ? AND key = ?"),
            in: db)
        select.bind(workspaceID)
        select.bind(file.key)
        return try select.fetchOne { row in
            let previous = row.isNull(1) || row.isNull(2) ? nil : (row.int64(1), row.int64(2))
            return (row.int64(0), previous)
        }
    }

    func recordedSources() throws -> [String: RecordedSource] {
        var sources: [String: RecordedSource] = [:]
        // Sized first and raw rows: every re-import reads one per file of the export (33,191 for
        // the 1M bench), and growing the map rehashed every key ~15 times.
        sources.reserveCapacity(
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM source_file WHERE workspace_id = ?", arguments: [workspaceID]) ?? 0)
        let statement = try db.makeStatement(
            sql: "SELECT key, size, checksum, modified, imported_at FROM source_file WHERE workspace_id = ?")
        try RawRowCursor(statement, arguments: [workspaceID]).forEach { row in
            sources[row.string(0)] = RecordedSource(
                fingerprint: FileFingerprint(size: row.int64(1), checksum: row.string(2)), modified: row.optionalInt64(3),
                recordedAt: row.int64(4))
        }
        return sources
    }

    func recordedSource(_ key: String) throws -> RecordedSource? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT size, checksum, modified, imported_at FROM source_file WHERE workspace_id = ? AND key = ?"),
            arguments: [workspaceID, key]
        ).map {
            RecordedSource(fingerprint: FileFingerprint(size: $0[0], checksum: $0[1]), modified: $0[2], recordedAt: $0[3])
        }
    }

    func recordedContents(ofSource key: String) throws -> Data? {
        try Data.fetchOne(
            db.cachedStatement(sql: "SELECT contents FROM source_file WHERE workspace_id = ? AND key = ?"),
            arguments: [workspaceID, key])
    }

    func storedSpaces() throws -> [Space] {
        try Row.fetchAll(db, sql: "SELECT external_id, name, kind FROM space WHERE workspace_id = ?", arguments: [workspaceID])
            .map { Space(externalID: $0[0], name: $0[1], kind: Space.Kind(rawValue: $0[2]) ?? .publicChannel) }
    }

    func storedAccountCount() throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM identity WHERE workspace_id = ? AND is_placeholder = 0", arguments: [workspaceID]
        ) ?? 0
    }

    /// Both from the member-list indexes (migration v10), not from the accounts' rows. The bots'
    /// index is named: left to itself the planner took the count's and read every account.
    func storedMemberList() throws -> StoredMemberList {
        let bots = try Row.fetchAll(
            db,
            sql: """
                SELECT external_id, is_bot, bot_id FROM identity INDEXED BY identity_bots
                WHERE workspace_id = ? AND is_placeholder = 0 AND (is_bot = 1 OR bot_id IS NOT NULL)
                """, arguments: [workspaceID]
        ).map { StoredBotAccount(externalID: $0[0], isBot: $0[1], botID: $0[2]) }
        return StoredMemberList(accountCount: try storedAccountCount(), bots: bots)
    }

    func recordUnchanged(_ key: String, modified: Int64) throws {
        try db.cachedStatement(
            sql: "UPDATE source_file SET modified = ?, imported_at = ? WHERE workspace_id = ? AND key = ?"
        ).execute(arguments: [modified, Timestamp(Date()).microseconds, workspaceID, key])
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
        let activityCount = activitiesBySpace.reduce(0) { $0 + $1.activities.count }
        // The ids the activities will take (`insert` assigns them from `nextActivityID`), unless
        // some were stored already from another file; recorded with a new file's record.
        let expected = activityCount == 0 ? nil : (first: nextActivityID, last: nextActivityID + Int64(activityCount) - 1)
        let sourceID: Int64
        var previous: (first: Int64, last: Int64)?
        let recordedBefore: Bool
        if let newID = try insertNewSource(file, activityCount: activityCount, range: expected) {
            sourceID = newID
            recordedBefore = false
        } else {
            (sourceID, previous) = try upsertSource(file, activityCount: activityCount)
            recordedBefore = true
        }
        // What this file gave last time: one contiguous rowid range (see migration v6). Foreign
        // keys are off during an ingest (`SQLiteStore.ingest`), so the cascade to reactions and
        // mentions is spelled out.
        if let (first, last) = previous {
            try flushReactionsAndMentions()
            // The channels losing rows have their spans counted again at the end.
            for spaceID in try Int64.fetchAll(
                db.cachedStatement(
                    sql: "SELECT DISTINCT space_id FROM activity WHERE id BETWEEN ? AND ? AND source_file_id = ?"),
                arguments: [first, last, sourceID])
            {
                recountedSpaces.insert(spaceID)
            }
            for table in ["reaction", "mention"] {
                try db.cachedStatement(sql: "DELETE FROM \(table) WHERE activity_id BETWEEN ? AND ?")
                    .execute(arguments: [first, last])
            }
            try db.cachedStatement(sql: "DELETE FROM activity WHERE id BETWEEN ? AND ? AND source_file_id = ?")
                .execute(arguments: [first, last, sourceID])
            if first <= last { staleColumnRanges.append(first...last) }
        }
        var stored = 0
        var range: (first: Int64, last: Int64)?
        for (space, activities) in activitiesBySpace {
            stored += try insert(activities, space: space, sourceID: sourceID, range: &range)
        }
        // A replaced file's range, or a new one's when some rows were stored already.
        if recordedBefore || range?.first != expected?.first || range?.last != expected?.last {
            var update = SQLiteRawStatement(
                try db.cachedStatement(sql: "UPDATE source_file SET first_activity_id = ?, last_activity_id = ? WHERE id = ?"),
                in: db)
            update.bind(range?.first)
            update.bind(range?.last)
            update.bind(sourceID)
            try update.execute()
        }
        return stored
    }

    private func insert(
        _ activities: [Activity], space spaceExternalID: String, sourceID: Int64, range: inout (first: Int64, last: Int64)?
    ) throws -> Int {
        if spaceIDs[spaceExternalID] == nil {
            try upsertSpaces([Space(externalID: spaceExternalID, name: spaceExternalID, kind: .publicChannel)])
        }
        let spaceID = spaceIDs[spaceExternalID]!
        var stored = 0
        var chunkStart = 0
        // The stored rows' earliest and latest time: one space here, merged into `stagedSpans`
        // once at the end rather than looked up there per row.
        var span: (first: Int64, last: Int64)?
        // Per chunk, by position: the author and parent author ids (0: none) bound, then the
        // packed columns of the rows kept (added to `pendingColumns` once per chunk).
        var authors: [(author: Int64, parent: Int64)] = []
        authors.reserveCapacity(Self.activitiesPerStatement)
        var columnRows: [ActivityColumns.Row] = []
        columnRows.reserveCapacity(Self.activitiesPerStatement)
        // Many rows per statement: each execution of a one-row INSERT opened and closed its
        // cursors and ran the whole VDBE program again, which cost as much as the B-tree work.
        // Activity ids are assigned here (the next free rowid), so the reactions and mentions of
        // a chunk can follow without asking SQLite for each new rowid.
        // Fields are read in place through the buffer: binding from `for activity in chunk` copied
        // every activity (a retain and a release of each of its strings and arrays) twice per row.
        try activities.withUnsafeBufferPointer { rows in
            while chunkStart < rows.count {
                let chunk = chunkStart..<min(chunkStart + Self.activitiesPerStatement, rows.count)
                chunkStart = chunk.upperBound
                var statement = SQLiteRawStatement(try activityInsert(rows: chunk.count), in: db)
                let firstID = nextActivityID
                authors.removeAll(keepingCapacity: true)
                prefetchIdentities(of: rows, chunk)
                for index in chunk {
                    let author = try rows[index].authorID.map {
                        try identityID(for: $0, isBot: rows[index].kind == .botMessage)
                    }
                    let parent = try rows[index].parentAuthorID.map { try identityID(for: $0, isBot: false) }
                    authors.append((author ?? 0, parent ?? 0))
                    statement.bind(firstID + Int64(index - chunk.lowerBound))
                    statement.bind(spaceID)
                    statement.bind(author)
                    statement.bind(sourceID)
                    statement.bind(Int64(rows[index].kind.rawValue))
                    statement.bind(rows[index].subtype, in: textArena)
                    statement.bind(rows[index].time.microseconds)
                    statement.bind(rows[index].externalID, in: textArena)
                    statement.bind(rows[index].threadRoot?.microseconds)
                    statement.bind(parent)
                    statement.bind(rows[index].text, in: textArena)
                    statement.bind(rows[index].isQuestion)
                    statement.bind(rows[index].editedAt?.microseconds)
                }
                let inserted = try statement.execute()
                textArena.reset()
                nextActivityID += Int64(chunk.count)
                // Rows already stored (the same message from another file) were skipped by
                // `OR IGNORE`; find which, in the rare chunk where that happened.
                var kept: Set<Int64>?
                if inserted < chunk.count {
                    // Rows kept as they were stored elsewhere: this channel's span is counted again.
                    recountedSpaces.insert(spaceID)
                    kept = Set(
                        try Int64.fetchAll(
                            db, sql: "SELECT id FROM activity WHERE id BETWEEN ? AND ?",
                            arguments: [firstID, firstID + Int64(chunk.count) - 1]))
                }
                for index in chunk {
                    let activityID = firstID + Int64(index - chunk.lowerBound)
                    if let kept, !kept.contains(activityID) { continue }
                    stored += 1
                    range = (range?.first ?? activityID, activityID)
                    let time = rows[index].time.microseconds
                    span = span.map { (min($0.first, time), max($0.last, time)) } ?? (time, time)
                    columnRows.append(
                        ActivityColumns.Row(
                            id: activityID, identity: authors[index - chunk.lowerBound].author, space: spaceID,
                            kind: Int64(rows[index].kind.rawValue), time: time,
                            threadRoot: rows[index].threadRoot?.microseconds ?? 0,
                            parentIdentity: authors[index - chunk.lowerBound].parent, isQuestion: rows[index].isQuestion))
                    for reaction in rows[index].reactions {
                        for user in reaction.userIDs {
                            pendingReactions.append((activityID, reaction.name, try identityID(for: user, isBot: false)))
                        }
                    }
                    for mention in rows[index].mentions {
                        guard let mentioned = try knownIdentityID(mention) else { continue }
                        pendingMentions.append((activityID, mentioned))
                    }
                }
                try flushReactionsAndMentions(fullStatementsOnly: true)
                try appendColumns(columnRows)
                columnRows.removeAll(keepingCapacity: true)
            }
        }
        if let span {
            let staged = stagedSpans[spaceID]
            stagedSpans[spaceID] = (min(staged?.first ?? .max, span.first), max(staged?.last ?? .min, span.last))
        }
        return stored
    }

    /// Hints the account slots that `insert` looks up for these rows (authors, parent authors,
    /// reacting users, mentions), so that their cache misses overlap instead of each stalling the
    /// writer in turn.
    @inline(__always)
    private func prefetchIdentities(of rows: UnsafeBufferPointer<Activity>, _ chunk: Range<Int>) {
        for index in chunk {
            if let author = rows[index].authorID { identityIDs.prefetch(author) }
            if let parent = rows[index].parentAuthorID { identityIDs.prefetch(parent) }
            for reaction in rows[index].reactions {
                for user in reaction.userIDs { identityIDs.prefetch(user) }
            }
            for mention in rows[index].mentions { identityIDs.prefetch(mention) }
        }
    }

    // MARK: Channel spans

    /// Each channel's earliest and latest time among the activities this import stored.
    private var stagedSpans: [Int64: (first: Int64, last: Int64)] = [:]
    /// Channels whose span is counted again from the table: they lost the rows of a replaced file,
    /// or some of their rows were already stored (kept as they were).
    private var recountedSpaces: Set<Int64> = []

    /// Brings `space_span` up to date before commit: the stored spans widen to this import's, and
    /// the channels in `recountedSpaces` are counted again from the table, so each span is exactly
    /// its channel's earliest and latest activity (what `SQLiteStore.activityRange` reads).
    func writeSpans() throws {
        let widen = try db.cachedStatement(
            sql: """
                INSERT INTO space_span (space_id, first_time, last_time) VALUES (?, ?, ?)
                ON CONFLICT (space_id) DO UPDATE SET first_time = MIN(first_time, excluded.first_time),
                    last_time = MAX(last_time, excluded.last_time)
                """)
        for (spaceID, span) in stagedSpans where !recountedSpaces.contains(spaceID) {
            try widen.execute(arguments: [spaceID, span.first, span.last])
        }
        for spaceID in recountedSpaces {
            try db.execute(sql: "DELETE FROM space_span WHERE space_id = ?", arguments: [spaceID])
            try db.execute(
                sql: """
                    INSERT INTO space_span (space_id, first_time, last_time)
                    SELECT space_id, MIN(time), MAX(time) FROM activity WHERE space_id = ? GROUP BY space_id
                    """, arguments: [spaceID])
        }
        stagedSpans = [:]
        recountedSpaces = []
    }

    // MARK: Activity columns

    /// The packed columns (`ActivityColumns`) of the activities stored since the last pack was
    /// written, in id order; written whenever a pack is full and before commit.
    private var pendingColumns = ActivityColumns()
    private var columnsStarted = false
    /// Id ranges rows were deleted from (replaced files): their packs are made again before commit.
    private var staleColumnRanges: [ClosedRange<Int64>] = []
    /// The highest activity id when the transaction began (0 for none).
    private var tableEndAtStart: Int64 = 0

    /// Adds stored activities, in id order, to the pending pack. The first ones of the transaction
    /// continue the last stored pack when that one is small and ends where the table did.
    private func appendColumns(_ rows: [ActivityColumns.Row]) throws {
        guard !rows.isEmpty else { return }
        if !columnsStarted {
            columnsStarted = true
            if let small = try ActivityColumnPacks.takeLastSmallPack(db, tableEnd: tableEndAtStart) {
                pendingColumns = small
            }
        }
        for row in rows {
            pendingColumns.append(row)
            if pendingColumns.count == ActivityColumns.rowsPerPack {
                try ActivityColumnPacks.write(pendingColumns, db)
                pendingColumns = ActivityColumns()
            }
        }
    }

    /// Writes the pending pack and makes again the packs of ranges rows were deleted from, so
    /// `activity_columns` agrees with `activity` at commit. Called once, before commit.
    func writeActivityColumns() throws {
        try ActivityColumnPacks.write(pendingColumns, db)
        pendingColumns = ActivityColumns()
        try ActivityColumnPacks.repack(db, ranges: staleColumnRanges)
        staleColumnRanges = []
    }

    // MARK: Multi-row statements

    static let activitiesPerStatement = 64
    static let linksPerStatement = 128

    /// The next `activity.id` to assign: one past the highest when the transaction began.
    private var nextActivityID: Int64 = 1
    private var activityInserts: [Int: Statement] = [:]
    private var reactionInserts: [Int: Statement] = [:]
    private var mentionInserts: [Int: Statement] = [:]
    private var pendingReactions: [(activity: Int64, name: String, identity: Int64)] = []
    private var pendingMentions: [(activity: Int64, identity: Int64)] = []
    /// The texts of the multi-row statement being bound.
    private let textArena = BoundTextArena()

    /// `INSERT OR IGNORE` for the multi-row statements below: a multi-row statement that can
    /// abort halfway (a plain `INSERT`, or `ON CONFLICT DO NOTHING`, which still aborts on other
    /// constraints) makes SQLite copy every page it touches into a statement journal first, a
    /// temporary file: 460,000 of the 710,000 writes of a first import of the 1M bench. With
    /// `OR IGNORE` nothing can abort, so there is no statement journal; a row whose
    /// `(space_id, external_id)` is already stored is skipped exactly as before.
    private func activityInsert(rows: Int) throws -> Statement {
        if let statement = activityInserts[rows] { return statement }
        let statement = try db.makeStatement(
            sql: """
                INSERT OR IGNORE INTO activity (id, space_id, identity_id, source_file_id, kind, subtype, time,
                    external_id, thread_root, parent_identity_id, text, is_question, edited_at)
                VALUES \(Self.placeholders(rows: rows, columns: 13))
                """)
        activityInserts[rows] = statement
        return statement
    }

    /// Writes every reaction and mention still buffered. Called once, before commit.
    func writeLinks() throws {
        try flushReactionsAndMentions()
    }

    /// Writes the buffered reactions and mentions, many rows per statement; with
    /// `fullStatementsOnly`, only as many as fill whole statements of `linksPerStatement` rows,
    /// the rest staying for later. Flushed per file, they took a statement (and its cursors)
    /// each for a dozen rows; whole statements cut them to a tenth. Everything is written before
    /// the rows of a replaced file are deleted and before commit (`writeLinks`).
    private func flushReactionsAndMentions(fullStatementsOnly: Bool = false) throws {
        let reactionsToWrite = fullStatementsOnly
            ? pendingReactions.count - pendingReactions.count % Self.linksPerStatement : pendingReactions.count
        var start = 0
        while start < reactionsToWrite {
            let end = min(start + Self.linksPerStatement, reactionsToWrite)
            let rows = end - start
            let prepared = try reactionInserts[rows]
                ?? db.makeStatement(
                    sql: "INSERT OR IGNORE INTO reaction (activity_id, name, identity_id) VALUES "
                        + Self.placeholders(rows: rows, columns: 3))
            reactionInserts[rows] = prepared
            var statement = SQLiteRawStatement(prepared, in: db)
            for reaction in pendingReactions[start..<end] {
                statement.bind(reaction.activity)
                statement.bind(reaction.name, in: textArena)
                statement.bind(reaction.identity)
            }
            try statement.execute()
            textArena.reset()
            start = end
        }
        pendingReactions.removeFirst(reactionsToWrite)
        let mentionsToWrite = fullStatementsOnly
            ? pendingMentions.count - pendingMentions.count % Self.linksPerStatement : pendingMentions.count
        start = 0
        while start < mentionsToWrite {
            let end = min(start + Self.linksPerStatement, mentionsToWrite)
            let rows = end - start
            let prepared = try mentionInserts[rows]
                ?? db.makeStatement(
                    sql: "INSERT OR IGNORE INTO mention (activity_id, identity_id) VALUES " + Self.placeholders(rows: rows, columns: 2))
            mentionInserts[rows] = prepared
            var statement = SQLiteRawStatement(prepared, in: db)
            for mention in pendingMentions[start..<end] {
                statement.bind(mention.activity)
                statement.bind(mention.identity)
            }
            try statement.execute()
            start = end
        }
        pendingMentions.removeFirst(mentionsToWrite)
    }

    /// `(?, ?, ?), (?, ?, ?)` for two rows of three columns.
    private static func placeholders(rows: Int, columns: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return Array(repeating: row, count: rows).joined(separator: ", ")
    }
}
