import Foundation
import HeartbeatCore
import NIOCore
import PostgresNIO

extension PostgresStore: CommunityStore {
    /// One import, all or nothing: the importer runs on a thread of its own (it calls the
    /// transaction synchronously, which waits for the database), inside one transaction that
    /// also re-resolves identities and bumps the generation. Imports into one community wait for
    /// each other (an advisory lock); imports into different communities run side by side.
    public func ingest<T: Sendable>(
        workspace: Workspace, _ body: @escaping @Sendable (any IngestTransaction) throws -> T
    ) async throws -> T {
        let communityID = communityID
        let logger = logger
        let (value, staged) = try await write { connection in
            try await connection.execute(
                "SELECT pg_advisory_xact_lock(\(Self.importLockNamespace), \(Int32(truncatingIfNeeded: communityID)))",
                logger: logger)
            let (value, identitiesChanged, staged) = try await Self.onOwnThread {
                let transaction = try PostgresIngestTransaction(
                    connection: connection, communityID: communityID, workspace: workspace, logger: logger)
                let value = try body(transaction)
                try transaction.flush()
                try transaction.writeSpans()
                return (value, transaction.identitiesChanged, transaction.activitiesStaged)
            }
            if identitiesChanged { try await resolveIdentities(connection) }
            try await bumpGeneration(connection)
            return (value, staged)
        }
        try await refreshStatistics(afterStaging: staged)
        return value
    }

    /// Runs `ANALYZE` on the tables reports read when an import grew them by more than a tenth
    /// (autovacuum's own rule, which it applies only a minute or more later): with the planner's
    /// row counts from before a first import, it reads a community's activities through the
    /// wrong index and sorts them, twice as slow as walking the primary key.
    private func refreshStatistics(afterStaging staged: Int) async throws {
        guard staged > 0 else { return }
        try await read { connection in
            let rows = try await connection.rows(
                "SELECT reltuples FROM pg_class WHERE oid = 'activity'::regclass", logger: logger)
            let known = try rows.first?.decode(Float.self) ?? -1
            guard known < 0 || Double(staged) > 50 + 0.1 * Double(known) else { return }
            try await connection.execute("ANALYZE activity, reaction, mention, identity, member", logger: logger)
        }
    }

    /// The first key of the import lock (the second is the community id).
    static let importLockNamespace: Int32 = 0x4842  // "HB"

    /// Runs blocking work on a new thread and waits for it without holding a cooperative thread.
    static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try work() })
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    public func snapshot(_ query: ActivityQuery) async throws -> CommunitySnapshot {
        do {
            return try await PostgresSnapshotLoader.load(client: client, communityID: communityID, query: query, logger: logger)
        } catch let error where PostgresFailure.isDatabaseError(error) {
            throw StoreError.database(database.location, PostgresFailure.describe(error))
        }
    }

    public func texts(ofActivities ids: [Int64]) async throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        return try await read { connection in
            var texts: [Int64: String] = [:]
            for row in try await connection.rows(
                "SELECT id, text FROM activity WHERE community_id = \(communityID) AND id = ANY(\(ids))", logger: logger)
            {
                let (id, text) = try row.decode((Int64, String).self)
                texts[id] = text
            }
            return texts
        }
    }

    public func activityRange(_ query: ActivityQuery) async throws -> ClosedRange<Timestamp>? {
        try await read { connection in
            let all = try await PostgresSnapshotLoader.spaces(
                connection, communityID: communityID, platform: query.platform, logger: logger)
            let selected = try SnapshotAssembly.selectSpaces(all, query: query)
            let spaceIDs = selected?.map(\.id)
            // From the spans each import keeps (`space_span`): a row per space, not a scan.
            let row = try await connection.rows(
                """
                SELECT MIN(first_time), MAX(last_time) FROM space_span
                WHERE community_id = \(communityID) AND (\(spaceIDs)::bigint[] IS NULL OR space_id = ANY(\(spaceIDs)))
                """, logger: logger)[0]
            let (first, last) = try row.decode((Int64?, Int64?).self)
            guard let first, let last else { return nil }
            return Timestamp(microseconds: first)...Timestamp(microseconds: last)
        }
    }

    public func counts() async throws -> StoreCounts {
        try await read { connection in
            let row = try await connection.rows(
                """
                SELECT (SELECT COUNT(*) FROM workspace WHERE community_id = \(communityID)),
                    (SELECT COUNT(*) FROM member WHERE community_id = \(communityID)),
                    (SELECT COUNT(*) FROM identity WHERE community_id = \(communityID)),
                    (SELECT COUNT(*) FROM space WHERE community_id = \(communityID)),
                    (SELECT COUNT(*) FROM activity WHERE community_id = \(communityID)),
                    (SELECT COUNT(*) FROM reaction WHERE community_id = \(communityID)),
                    (SELECT COUNT(*) FROM mention WHERE community_id = \(communityID)),
                    (SELECT COUNT(*) FROM source_file WHERE community_id = \(communityID) AND key <> '.listing')
                """, logger: logger)[0]
            let c = try row.decode((Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64).self)
            return StoreCounts(
                workspaces: Int(c.0), members: Int(c.1), identities: Int(c.2), spaces: Int(c.3), activities: Int(c.4),
                reactions: Int(c.5), mentions: Int(c.6), sourceFiles: Int(c.7))
        }
    }

    public func workspaces(
        recording key: String, platform: Platform, size: Int64, modified: Int64
    ) async throws -> [Workspace] {
        try await read { connection in
            try await connection.rows(
                """
                SELECT w.external_id, w.name, s.size, s.checksum, s.modified, s.imported_at
                FROM source_file s JOIN workspace w ON w.community_id = s.community_id AND w.id = s.workspace_id
                WHERE s.community_id = \(communityID) AND s.key = \(key) AND w.platform = \(platform.rawValue)
                    AND s.size = \(size) AND s.modified = \(modified)
                """, logger: logger
            ).compactMap { row in
                let (externalID, name, size, checksum, stored, importedAt) =
                    try row.decode((String, String, Int64, String, Int64?, Int64).self)
                let recorded = RecordedSource(
                    fingerprint: FileFingerprint(size: size, checksum: checksum), modified: stored, recordedAt: importedAt)
                guard recorded.matches(size: size, modified: modified) else { return nil }
                return Workspace(platform: platform, externalID: externalID, name: name)
            }
        }
    }

    /// Whether the community holds any activity.
    public func hasActivity() async throws -> Bool {
        try await read { connection in
            try await connection.rows(
                "SELECT EXISTS (SELECT 1 FROM activity WHERE community_id = \(communityID))", logger: logger
            )[0].decode(Bool.self)
        }
    }
}
