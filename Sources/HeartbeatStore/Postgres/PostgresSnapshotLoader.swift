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
    /// reactions and mentions. Columns arrive as arrays, a chunk of rows at a time
    /// (`PostgresWireArray`): building them is the server's work, so the halves build on two
    /// server processes side by side, each while the client reads the other's last chunk.
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
                        let (directory, scans) = try await main.readDirectoryAndActivities(upperHalf: upper)
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

    /// The directory, and the activities in two scans: the lower half of the ids read here, the
    /// upper half on `upperHalf`'s connection. The upper half's first chunk is asked for before
    /// the directory (which a scan needs to map identities to members), so the server builds it
    /// meanwhile: 0.05 s of a 1M-activity report.
    private func readDirectoryAndActivities(
        upperHalf: PostgresSnapshotLoader
    ) async throws -> (SnapshotDirectory, [ActivityScan]) {
        let (activityIDs, generation) = try await readBounds()
        guard let ids = activityIDs else { return (try await readDirectory(activityIDs: nil, generation: generation), []) }
        let middle = ids.lowerBound + (ids.upperBound - ids.lowerBound) / 2
        let lowerIDs = ids.lowerBound...middle, upperIDs = (middle + 1)...max(middle + 1, ids.upperBound)
        async let upperFirst = upperHalf.fetchChunk(after: upperIDs.lowerBound - 1, upTo: upperIDs.upperBound)
        let directory = try await readDirectory(activityIDs: ids, generation: generation)
        let upperChunk = try await upperFirst
        async let upperScan = upperHalf.scanActivities(directory, ids: upperIDs, first: upperChunk)
        let lowerScan = try await scanActivities(directory, ids: lowerIDs, first: nil)
        return (directory, [lowerScan, try await upperScan])
    }

    /// The community's lowest and highest activity id (nil: no activity) and store generation.
    private func readBounds() async throws -> (ids: ClosedRange<Int64>?, generation: Int64) {
        let bounds = try await connection.rows(
            """
            SELECT (SELECT MIN(id) FROM activity WHERE community_id = \(communityID)),
                (SELECT MAX(id) FROM activity WHERE community_id = \(communityID)),
                (SELECT value FROM store_generation WHERE community_id = \(communityID))
            """, logger: logger)
        let (lowest, highest, generation) = try bounds[0].decode((Int64?, Int64?, Int64?).self)
        guard let lowest, let highest else { return (nil, generation ?? 0) }
        return (lowest...highest, generation ?? 0)
    }

    /// The queried spaces (by name in byte order, as SQLite sorts, then id) and the members.
    private func readDirectory(activityIDs: ClosedRange<Int64>?, generation: Int64) async throws -> SnapshotDirectory {
        let all = try await Self.spaces(connection, communityID: communityID, platform: query.platform, logger: logger)
        let spaces = try SnapshotAssembly.selectSpaces(all, query: query) ?? all.map(\.info)

        // One row of arrays (see `PostgresWireArray`), in member then identity order: the fold
        // groups a member's identities as they come.
        let row = try await connection.rows(
            """
            SELECT array_agg(id), array_agg(member_id), array_agg(display_name), array_agg(handle), array_agg(title),
                array_agg(platform), array_agg(is_bot), array_agg(is_deleted), array_agg(external_id),
                array_agg(time_zone), array_agg(is_admin)
            FROM (
                SELECT id, member_id, display_name, handle, title, platform, is_bot, is_deleted, external_id, time_zone,
                    is_admin
                FROM identity
                WHERE community_id = \(communityID)
                    AND (\(query.platform?.rawValue)::text IS NULL OR platform = \(query.platform?.rawValue))
                ORDER BY member_id, id
            ) i
            """, logger: logger)[0]
        var cells = row.makeIterator()
        var idCells = try PostgresWireArray(cells.next()?.bytes)
        var memberCells = try PostgresWireArray(cells.next()?.bytes)
        let ids = idCells.int64s(null: 0), memberIDs = memberCells.int64s(null: 0)
        var columns = try (0..<9).map { _ in try PostgresWireArray(cells.next()?.bytes) }
        let displayNames = columns[0].strings(), handles = columns[1].strings(), titles = columns[2].optionalStrings()
        let platforms = columns[3].strings(), bots = columns[4].bools(), deleted = columns[5].bools()
        let externalIDs = columns[6].strings(), timeZones = columns[7].optionalStrings(), admins = columns[8].bools()
        var order = Array(ids.indices)
        if !zip(order.dropFirst(), order).allSatisfy({ (memberIDs[$0.1], ids[$0.1]) < (memberIDs[$0.0], ids[$0.0]) }) {
            order.sort { (memberIDs[$0], ids[$0]) < (memberIDs[$1], ids[$1]) }  // SQL does not promise the order
        }
        var fold = MemberFold()
        for index in order {
            fold.add(
                identity: ids[index], member: memberIDs[index], displayName: displayNames[index], handle: handles[index],
                title: titles[index], platform: platforms[index], isBot: bots[index], isDeleted: deleted[index],
                externalID: externalIDs[index], timeZone: timeZones[index], isAdmin: admins[index])
        }
        return SnapshotDirectory(spaces: spaces, fold: fold, activityIDs: activityIDs, generation: generation)
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

    /// Activities and links are read in chunks of this many rows, each chunk one row of arrays
    /// (see `PostgresWireArray`): a bounded message whatever the community's size.
    static let chunkRows = 65_536

    /// Every activity with an id in `ids`, in id order, fed to one `ActivityScan`. Each chunk is
    /// the next `chunkRows` activities by id (the primary key's order), sent as one array per
    /// column; `first`, when given, is the first chunk, already fetched.
    private func scanActivities(
        _ directory: SnapshotDirectory, ids: ClosedRange<Int64>, first: PostgresRow?
    ) async throws -> ActivityScan {
        let includeText = query.includeText
        var scan = ActivityScan(
            directory: directory, query: query, capacity: Int(min(ids.upperBound - ids.lowerBound + 1, 1 << 22)))
        var after = ids.lowerBound - 1
        var prefetched = first
        // Texts come joined in one value; a chunk whose texts hold the separator is read again
        // with its texts as an array (every column again, so ids and texts come from one query).
        var textsAsArray = false
        while true {
            let row: PostgresRow
            if let chunk = prefetched {
                row = chunk
                prefetched = nil
            } else {
                row = try await fetchChunk(after: after, upTo: ids.upperBound, textsAsArray: textsAsArray)
            }
            var cells = row.makeIterator()
            var idCells = try PostgresWireArray(cells.next()?.bytes)
            let count = idCells.count
            guard count > 0 else { break }
            let idValues = idCells.int64s(null: 0)
            var identities = try PostgresWireArray(cells.next()?.bytes)
            var spaces = try PostgresWireArray(cells.next()?.bytes)
            // Kind and question flag in one integer (kind * 2 + flag): one array fewer to build.
            var kindsAndQuestions = try PostgresWireArray(cells.next()?.bytes)
            var times = try PostgresWireArray(cells.next()?.bytes)
            var roots = try PostgresWireArray(cells.next()?.bytes)
            var parents = try PostgresWireArray(cells.next()?.bytes)
            var joinedTexts: PostgresJoinedTexts?
            var arrayTexts = try PostgresWireArray(nil)
            if includeText && textsAsArray {
                arrayTexts = try PostgresWireArray(cells.next()?.bytes)
            } else if includeText {
                joinedTexts = PostgresJoinedTexts(cells.next()?.bytes, count: count)
                if joinedTexts == nil {
                    textsAsArray = true
                    continue
                }
            }
            textsAsArray = false
            func nextText() -> String { joinedTexts != nil ? joinedTexts!.next() : arrayTexts.nextString() }
            func skipText() {
                if joinedTexts != nil { joinedTexts!.skip() } else { arrayTexts.skip() }
            }
            if Self.isAscending(idValues) {
                // The usual case: the aggregate kept the subquery's order, so the arrays are
                // read straight through in step.
                for id in idValues {
                    var textRead = false
                    let kindAndQuestion = kindsAndQuestions.nextInt64() ?? 0
                    scan.add(
                        id: id, identity: identities.nextInt64(), space: spaces.nextInt64() ?? 0,
                        kind: kindAndQuestion >> 1, time: times.nextInt64() ?? 0, threadRoot: roots.nextInt64(),
                        parentIdentity: parents.nextInt64(), isQuestion: kindAndQuestion & 1 == 1,
                        text: {
                            textRead = true
                            return nextText()
                        })
                    if includeText && !textRead { skipText() }
                }
            } else {
                // SQL does not promise that order, so put the chunk in id order here if needed.
                let identityValues = (0..<count).map { _ in identities.nextInt64() }
                let spaceValues = spaces.int64s(null: 0), kindValues = kindsAndQuestions.int64s(null: 0)
                let timeValues = times.int64s(null: 0)
                let rootValues = (0..<count).map { _ in roots.nextInt64() }
                let parentValues = (0..<count).map { _ in parents.nextInt64() }
                let textValues = includeText ? (0..<count).map { _ in nextText() } : []
                for index in (0..<count).sorted(by: { idValues[$0] < idValues[$1] }) {
                    scan.add(
                        id: idValues[index], identity: identityValues[index], space: spaceValues[index],
                        kind: kindValues[index] >> 1, time: timeValues[index], threadRoot: rootValues[index],
                        parentIdentity: parentValues[index], isQuestion: kindValues[index] & 1 == 1,
                        text: { textValues[index] })
                }
            }
            guard count == Self.chunkRows, let last = idValues.max() else { break }
            after = last
        }
        scan.sortByTime()
        return scan
    }

    /// The next `chunkRows` activities with an id above `after` and at most `upTo`, as one row of
    /// arrays (one per column). Texts, when the query wants them, come joined into one value
    /// (`PostgresJoinedTexts`), or as an array with `textsAsArray`.
    private func fetchChunk(after: Int64, upTo: Int64, textsAsArray: Bool = false) async throws -> PostgresRow {
        let texts = !query.includeText ? "" : textsAsArray ? ", array_agg(text)" : #", string_agg(text, E'\x01')"#
        return try await connection.rows(
            """
            SELECT array_agg(id), array_agg(identity_id), array_agg(space_id), array_agg(kind * 2 + is_question::int),
                array_agg(time), array_agg(thread_root), array_agg(parent_identity_id)\(unescaped: texts)
            FROM (
                SELECT id, identity_id, space_id, kind, time, thread_root, parent_identity_id, is_question\
            \(unescaped: query.includeText ? ", text" : "")
                FROM activity
                WHERE community_id = \(communityID) AND id > \(after) AND id <= \(upTo)
                ORDER BY id LIMIT \(Self.chunkRows)
            ) chunk
            """, logger: logger)[0]
    }

    private func scanLinks(includingMentions: Bool) async throws -> (ActivityLinkScan, ActivityLinkScan?) {
        let reactions = try await scanLinks(table: "reaction")
        return (reactions, includingMentions ? try await scanLinks(table: "mention") : nil)
    }

    /// `reaction` or `mention` rows of the community in the order they were written (`seq`), in
    /// chunks of arrays like the activities.
    private func scanLinks(table: String) async throws -> ActivityLinkScan {
        var activityIDs: [Int64] = [], identityIDs: [Int64] = []
        var after = Int64.min
        while true {
            let row = try await connection.rows(
                """
                SELECT array_agg(seq), array_agg(activity_id), array_agg(identity_id) FROM (
                    SELECT seq, activity_id, identity_id FROM \(unescaped: table)
                    WHERE community_id = \(communityID) AND seq > \(after) ORDER BY seq LIMIT \(Self.chunkRows)
                ) chunk
                """, logger: logger)[0]
            var cells = row.makeIterator()
            var seqCells = try PostgresWireArray(cells.next()?.bytes)
            guard seqCells.count > 0 else { break }
            let seqs = seqCells.int64s(null: 0)
            var activities = try PostgresWireArray(cells.next()?.bytes)
            var identities = try PostgresWireArray(cells.next()?.bytes)
            let chunkActivities = activities.int64s(null: 0)
            let chunkIdentities = identities.int64s(null: ActivityLinkScan.noIdentity)
            if Self.isAscending(seqs) {
                activityIDs.append(contentsOf: chunkActivities)
                identityIDs.append(contentsOf: chunkIdentities)
            } else {
                for index in seqs.indices.sorted(by: { seqs[$0] < seqs[$1] }) {
                    activityIDs.append(chunkActivities[index])
                    identityIDs.append(chunkIdentities[index])
                }
            }
            guard seqs.count == Self.chunkRows, let last = seqs.max() else { break }
            after = last
        }
        return ActivityLinkScan(activityIDs: activityIDs, identityIDs: identityIDs)
    }

    private static func isAscending(_ values: [Int64]) -> Bool {
        var previous = Int64.min
        for value in values {
            if value <= previous { return false }
            previous = value
        }
        return true
    }
}


