import HeartbeatCore
import Logging
import NIOCore
import PostgresNIO

/// Reads a `CommunitySnapshot` of one community from PostgreSQL: the same directory, scans and
/// assembly as the SQLite loader (so every report gets the same rows in the same order from
/// either store), read in one `REPEATABLE READ` transaction so an import committing meanwhile is
/// seen entirely or not at all.
struct PostgresSnapshotLoader {
    let connection: PostgresConnection
    let communityID: Int64
    let query: ActivityQuery
    let logger: Logger

    /// Reads on three connections at once, all in one snapshot of the database (the first
    /// exports it, the others adopt it): the lower and upper half of the activities, and the
    /// reactions and mentions. Decoding rows is the client's work, so halves decode on two cores.
    static func load(
        client: PostgresClient, communityID: Int64, query: ActivityQuery, logger: Logger
    ) async throws -> CommunitySnapshot {
        try await client.withConnection { first in
            try await client.withConnection { second in
                try await client.withConnection { third in
                    let main = PostgresSnapshotLoader(connection: first, communityID: communityID, query: query, logger: logger)
                    let upper = PostgresSnapshotLoader(connection: second, communityID: communityID, query: query, logger: logger)
                    let links = PostgresSnapshotLoader(connection: third, communityID: communityID, query: query, logger: logger)
                    try await first.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                    do {
                        let snapshotID = try await first.rows("SELECT pg_export_snapshot()", logger: logger)[0].decode(String.self)
                        for connection in [second, third] {
                            try await connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                            try await connection.execute(
                                PostgresQuery(unsafeSQL: "SET TRANSACTION SNAPSHOT '\(snapshotID)'"), logger: logger)
                        }
                        // Reactions, then mentions, on the third connection while the others scan.
                        async let linkRead = links.scanLinks(includingMentions: query.includeMentions)
                        let directory = try await main.readDirectory()
                        var scans: [ActivityScan] = []
                        if let ids = directory.activityIDs {
                            let middle = ids.lowerBound + (ids.upperBound - ids.lowerBound) / 2
                            async let upperScan = upper.scanActivities(directory, ids: (middle + 1)...max(middle + 1, ids.upperBound))
                            let lowerScan = try await main.scanActivities(directory, ids: ids.lowerBound...middle)
                            scans = [lowerScan, try await upperScan]
                        }
                        let (reactions, mentions) = try await linkRead
                        for connection in [first, second, third] { try await connection.execute("COMMIT", logger: logger) }
                        return SnapshotAssembly.assemble(
                            directory: directory, scans: scans, reactions: reactions, mentions: mentions, query: query)
                    } catch {
                        for connection in [first, second, third] { _ = try? await connection.execute("ROLLBACK", logger: logger) }
                        throw error
                    }
                }
            }
        }
    }

    /// The queried spaces (by name in byte order, as SQLite sorts, then id) and the members.
    private func readDirectory() async throws -> SnapshotDirectory {
        let all = try await Self.spaces(connection, communityID: communityID, platform: query.platform, logger: logger)
        let spaces = try SnapshotAssembly.selectSpaces(all, query: query) ?? all.map(\.info)

        var fold = MemberFold()
        let rows = try await connection.rows(
            """
            SELECT i.id, i.member_id, i.display_name, i.handle, i.title, i.platform, i.is_bot, i.is_deleted,
                i.external_id, i.time_zone, i.is_admin
            FROM identity i
            WHERE i.community_id = \(communityID) AND (\(query.platform?.rawValue)::text IS NULL OR i.platform = \(query.platform?.rawValue))
            ORDER BY i.member_id, i.id
            """, logger: logger)
        for row in rows {
            let (id, member, displayName, handle, title, platform, isBot, isDeleted, externalID, timeZone, isAdmin) =
                try row.decode((Int64, Int64, String, String, String?, String, Bool, Bool, String, String?, Bool).self)
            fold.add(
                identity: id, member: member, displayName: displayName, handle: handle, title: title, platform: platform,
                isBot: isBot, isDeleted: isDeleted, externalID: externalID, timeZone: timeZone, isAdmin: isAdmin)
        }
        let bounds = try await connection.rows(
            """
            SELECT (SELECT MIN(id) FROM activity WHERE community_id = \(communityID)),
                (SELECT MAX(id) FROM activity WHERE community_id = \(communityID)),
                (SELECT value FROM store_generation WHERE community_id = \(communityID))
            """, logger: logger)
        let (lowest, highest, generation) = try bounds[0].decode((Int64?, Int64?, Int64?).self)
        var activityIDs: ClosedRange<Int64>?
        if let lowest, let highest { activityIDs = lowest...highest }
        return SnapshotDirectory(spaces: spaces, fold: fold, activityIDs: activityIDs, generation: generation ?? 0)
    }

    /// Every space of the community (optionally of one platform), by name in byte order, then id.
    static func spaces(
        _ connection: PostgresConnection, communityID: Int64, platform: Platform?, logger: Logger
    ) async throws -> [(info: CommunitySnapshot.SpaceInfo, externalID: String)] {
        var all: [(info: CommunitySnapshot.SpaceInfo, externalID: String)] = []
        for row in try await connection.rows(
            """
            SELECT id, name, platform, kind, external_id FROM space
            WHERE community_id = \(communityID) AND (\(platform?.rawValue)::text IS NULL OR platform = \(platform?.rawValue))
            ORDER BY name COLLATE "C", id
            """, logger: logger)
        {
            let (id, name, platformName, kind, externalID) = try row.decode((Int64, String, String, String, String).self)
            all.append(
                (
                    CommunitySnapshot.SpaceInfo(
                        id: id, name: name, platform: Platform(rawValue: platformName) ?? .slack,
                        kind: Space.Kind(rawValue: kind) ?? .publicChannel), externalID
                ))
        }
        return all
    }

    /// Every activity of the community in id order, fed to one `ActivityScan` as rows arrive.
    private func scanActivities(_ directory: SnapshotDirectory, ids: ClosedRange<Int64>) async throws -> ActivityScan {
        let includeText = query.includeText
        let scan = ScanBox(ActivityScan(directory: directory, query: query, capacity: 1 << 16))
        let sql: PostgresQuery = """
            SELECT id, identity_id, space_id, kind, time, thread_root, parent_identity_id, is_question\
            \(unescaped: includeText ? ", text" : "")
            FROM activity WHERE community_id = \(communityID) AND id BETWEEN \(ids.lowerBound) AND \(ids.upperBound)
            ORDER BY id
            """
        let done: EventLoopFuture<PostgresQueryMetadata> = connection.query(sql, logger: logger) { row in
            var cells = RowCells(row)
            let id = cells.int64()
            let identity = cells.optionalInt64()
            let space = cells.int64()
            let kind = Int64(cells.int32())
            let time = cells.int64()
            let threadRoot = cells.optionalInt64()
            let parent = cells.optionalInt64()
            let isQuestion = cells.bool()
            scan.value.add(
                id: id, identity: identity, space: space, kind: kind, time: time, threadRoot: threadRoot,
                parentIdentity: parent, isQuestion: isQuestion, text: { cells.string() })
        }
        _ = try await done.get()
        return scan.value
    }

    private func scanLinks(includingMentions: Bool) async throws -> (ActivityLinkScan, ActivityLinkScan?) {
        let reactions = try await scanLinks(table: "reaction")
        return (reactions, includingMentions ? try await scanLinks(table: "mention") : nil)
    }

    /// `reaction` or `mention` rows of the community in the order they were written.
    private func scanLinks(table: String) async throws -> ActivityLinkScan {
        let links = ScanBox((activityIDs: [Int64](), identityIDs: [Int64]()))
        let done: EventLoopFuture<PostgresQueryMetadata> = connection.query(
            "SELECT activity_id, identity_id FROM \(unescaped: table) WHERE community_id = \(communityID) ORDER BY seq",
            logger: logger
        ) { row in
            var cells = RowCells(row)
            links.value.activityIDs.append(cells.int64())
            links.value.identityIDs.append(cells.optionalInt64() ?? ActivityLinkScan.noIdentity)
        }
        _ = try await done.get()
        return ActivityLinkScan(activityIDs: links.value.activityIDs, identityIDs: links.value.identityIDs)
    }
}

/// A value the row callback fills in: the callback runs on the connection's event loop, one row
/// after the other, and the value is read only after the query's future completed.
private final class ScanBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// Reads a row's cells left to right straight from the binary wire format (big-endian integers,
/// one-byte booleans, UTF-8 text): the generic decoder's per-cell checks cost more than the scan.
struct RowCells {
    private var iterator: PostgresRow.Iterator

    init(_ row: PostgresRow) { iterator = row.makeIterator() }

    mutating func optionalInt64() -> Int64? {
        guard let cell = iterator.next(), let bytes = cell.bytes else { return nil }
        switch bytes.readableBytes {
        case 8: return bytes.getInteger(at: bytes.readerIndex, endianness: .big, as: Int64.self)
        case 4: return Int64(bytes.getInteger(at: bytes.readerIndex, endianness: .big, as: Int32.self) ?? 0)
        default: return Int64(bytes.getString(at: bytes.readerIndex, length: bytes.readableBytes) ?? "")
        }
    }

    mutating func int64() -> Int64 { optionalInt64() ?? 0 }

    mutating func int32() -> Int32 { Int32(truncatingIfNeeded: optionalInt64() ?? 0) }

    mutating func bool() -> Bool {
        guard let cell = iterator.next(), let bytes = cell.bytes, bytes.readableBytes >= 1 else { return false }
        let byte = bytes.getInteger(at: bytes.readerIndex, as: UInt8.self) ?? 0
        return byte == 1 || byte == UInt8(ascii: "t")
    }

    mutating func string() -> String {
        guard let cell = iterator.next(), let bytes = cell.bytes else { return "" }
        return bytes.getString(at: bytes.readerIndex, length: bytes.readableBytes) ?? ""
    }
}
