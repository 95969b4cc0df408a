import GRDB
import HeartbeatCore

/// Reads a `CommunitySnapshot` in a few sequential scans, mapping store ids to dense indexes.
///
/// Every table is read in row id order without a join or an `ORDER BY` on an index: the activities
/// (from their packed columns, or the table when texts are wanted) in pieces taken by two scans on
/// two reader connections at once, beside the reaction (and mention) table;
/// activities are then sorted by time in memory and the links mapped onto them. Reading the
/// activities in time order through the `activity_time` index cost a random table lookup per row,
/// and the joins one per reaction.
struct SQLiteSnapshotLoader: Sendable {
    let writer: any DatabaseWriter
    let query: ActivityQuery

    func load() async throws -> CommunitySnapshot {
        // Reaction and mention rows need nothing from the other reads: start them first.
        let query = query
        async let linkRead = writer.read { db in
            try (
                generation: Self.generation(db), reactions: ActivityLinkScan(db: db, table: .reaction),
                mentions: query.includeMentions ? ActivityLinkScan(db: db, table: .mention) : nil
            )
        }
        let (directory, packs) = try await writer.read { db in
            (try SnapshotDirectory(db: db, query: query), try Self.packs(db: db, query: query))
        }
        var scans: [ActivityScan] = []
        var generations = [directory.generation]
        if let ids = directory.activityIDs {
            let chunks = ActivityChunks(ids: ids, count: Self.activityChunks, packs: packs)
            async let secondRead = writer.read { db in
                try (generation: Self.generation(db), scan: ActivityScan(db: db, chunks: chunks, ids: ids, directory: directory, query: query))
            }
            let first = try await writer.read { db in
                try (generation: Self.generation(db), scan: ActivityScan(db: db, chunks: chunks, ids: ids, directory: directory, query: query))
            }
            let second = try await secondRead
            scans = [first.scan, second.scan]
            generations += [first.generation, second.generation]
        }
        let links = try await linkRead
        generations.append(links.generation)
        guard Set(generations).count == 1 else {
            // An import committed between the reads: read everything again in one transaction.
            return try await loadInOneRead()
        }
        return SnapshotAssembly.assemble(directory: directory, scans: scans, reactions: links.reactions, mentions: links.mentions, query: query)
    }

    /// Ranges the activity table is split into for the two scans, where it is read rather than
    /// packs: enough that the one left running at the end has little to finish (16: about 70,000
    /// rows each in the 1M bench).
    static let activityChunks = 16

    /// The same snapshot from one read transaction, one scan after the other.
    func loadInOneRead() async throws -> CommunitySnapshot {
        let query = query
        return try await writer.read { db in try Self.loadInOneRead(db: db, query: query) }
    }

    static func loadInOneRead(db: Database, query: ActivityQuery) throws -> CommunitySnapshot {
        let directory = try SnapshotDirectory(db: db, query: query)
        let packs = try Self.packs(db: db, query: query)
        let scans = try directory.activityIDs.map { ids in
            [
                try ActivityScan(
                    db: db, chunks: ActivityChunks(ids: ids, count: 1, packs: packs), ids: ids, directory: directory,
                    query: query)
            ]
        } ?? []
        return SnapshotAssembly.assemble(
            directory: directory, scans: scans, reactions: try ActivityLinkScan(db: db, table: .reaction),
            mentions: query.includeMentions ? try ActivityLinkScan(db: db, table: .mention) : nil, query: query)
    }

    /// The stored packs of activity columns to read instead of the table: none when the query
    /// wants texts, which only the table has.
    static func packs(db: Database, query: ActivityQuery) throws -> [ClosedRange<Int64>] {
        query.includeText ? [] : try ActivityColumnPacks.ranges(db)
    }

    static func generation(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT value FROM store_generation") ?? 0
    }

    struct SpaceFilter {
        var spaces: [CommunitySnapshot.SpaceInfo]
        /// ` AND a.space_id IN (…)`, or empty when every space is wanted.
        var sql: String
        var arguments: StatementArguments
    }

    /// The spaces the query selects, and the SQL condition on `activity a` that selects them.
    static func spaceFilter(db: Database, query: ActivityQuery) throws -> SpaceFilter {
        var sql = "SELECT id, name, platform, kind, external_id FROM space"
        var arguments: [any DatabaseValueConvertible] = []
        if let platform = query.platform {
            sql += " WHERE platform = ?"
            arguments.append(platform.rawValue)
        }
        var all: [(info: CommunitySnapshot.SpaceInfo, externalID: String)] = []
        for row in try Row.fetchAll(db, sql: sql + " ORDER BY name, id", arguments: StatementArguments(arguments)) {
            let kind = Space.Kind(rawValue: row[3]) ?? .publicChannel
            let platform = Platform(rawValue: row[2]) ?? .slack
            all.append((CommunitySnapshot.SpaceInfo(id: row[0], name: row[1], platform: platform, kind: kind), row[4]))
        }
        guard let spaces = try SnapshotAssembly.selectSpaces(all, query: query) else {
            return SpaceFilter(spaces: all.map(\.info), sql: "", arguments: [])
        }
        if spaces.isEmpty { return SpaceFilter(spaces: [], sql: " AND 0", arguments: []) }
        return SpaceFilter(
            spaces: spaces,
            sql: " AND a.space_id IN (" + Array(repeating: "?", count: spaces.count).joined(separator: ",") + ")",
            arguments: StatementArguments(spaces.map(\.id)))
    }

}
