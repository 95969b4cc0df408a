import Foundation
import HeartbeatCore
import PostgresNIO

extension PostgresStore: EventStore {
    public func addEvent(_ new: NewEvent) async throws -> CommunityEvent {
        let new = try new.validated()
        return try await write { connection in
            let rows = try await connection.rows(
                """
                INSERT INTO community_event (community_id, title, starts_at, host, tags)
                VALUES (\(communityID), \(new.title), \(new.startsAt.microseconds), \(new.host), \(new.tags.joined(separator: "\n")))
                RETURNING id
                """, logger: logger)
            guard let id = try rows.first?.decode(Int64.self) else {
                throw StoreError.database(database.location, "the new event was not stored")
            }
            try await bumpGeneration(connection)
            return CommunityEvent(id: id, title: new.title, startsAt: new.startsAt, host: new.host, tags: new.tags)
        }
    }

    public func events() async throws -> [CommunityEvent] {
        try await read { connection in
            try await connection.rows(
                """
                SELECT id, title, starts_at, host, tags FROM community_event
                WHERE community_id = \(communityID) ORDER BY starts_at, id
                """, logger: logger
            ).map { row in
                let (id, title, startsAt, host, tags) = try row.decode((Int64, String, Int64, String?, String).self)
                return CommunityEvent(
                    id: id, title: title, startsAt: Timestamp(microseconds: startsAt), host: host,
                    tags: tags.isEmpty ? [] : tags.split(separator: "\n").map(String.init))
            }
        }
    }

    public func saveAttendance(_ attendees: [EventAttendee]) async throws -> UpsertCounts {
        guard !attendees.isEmpty else { return UpsertCounts() }
        return try await write { connection in
            if let refusal = try await unknownEvent(in: attendees.map(\.eventID), connection) { throw refusal }
            let stored = try await storedAttendees(connection, keys: attendees)
            let counts = try await saveKeyedRows(
                attendees, stored: stored, key: { EventRowKey(event: $0.eventID, key: $0.key) }, connection
            ) { changed in
                try await upsertRows(
                    changed, into: "event_attendee",
                    columns: ["event_id", "key", "name", "email", "registered_at", "attended", "joined_at", "left_at", "minutes"],
                    conflict: ["event_id", "key"], connection
                ) { attendee, binds in
                    binds.append(attendee.eventID)
                    binds.append(attendee.key)
                    binds.append(attendee.name)
                    binds.append(attendee.email)
                    binds.append(attendee.registeredAt?.microseconds)
                    binds.append(attendee.attended)
                    binds.append(attendee.joinedAt?.microseconds)
                    binds.append(attendee.leftAt?.microseconds)
                    binds.append(attendee.minutes)
                }
            }
            return counts
        }
    }

    public func saveFeedback(_ responses: [EventFeedback]) async throws -> UpsertCounts {
        guard !responses.isEmpty else { return UpsertCounts() }
        return try await write { connection in
            if let refusal = try await unknownEvent(in: responses.map(\.eventID), connection) { throw refusal }
            let stored = try await storedFeedback(connection, keys: responses)
            let counts = try await saveKeyedRows(
                responses, stored: stored, key: { EventRowKey(event: $0.eventID, key: $0.key) }, connection
            ) { changed in
                try await upsertRows(
                    changed, into: "event_feedback", columns: ["event_id", "key", "email", "score", "rating", "comment"],
                    conflict: ["event_id", "key"], connection
                ) { response, binds in
                    binds.append(response.eventID)
                    binds.append(response.key)
                    binds.append(response.email)
                    binds.append(response.score)
                    binds.append(response.rating)
                    binds.append(response.comment)
                }
            }
            return counts
        }
    }

    public func attendees() async throws -> [EventAttendee] {
        try await read { connection in try await storedAttendees(connection) }
    }

    public func feedback() async throws -> [EventFeedback] {
        try await read { connection in try await storedFeedback(connection) }
    }

    // MARK: - Helpers

    /// The refusal for the first of `ids` (in the order given) naming no event of this community,
    /// or nil. The SQLite store checks row by row and rolls back at the first unknown event; checking
    /// them all first, before anything is written, gives the same error and the same (empty) result.
    private func unknownEvent(in ids: [Int64], _ connection: PostgresConnection) async throws -> EventError? {
        let wanted = Array(Set(ids))
        var known = Set<Int64>()
        for row in try await connection.rows(
            "SELECT id FROM community_event WHERE community_id = \(communityID) AND id = ANY(\(wanted))", logger: logger)
        {
            known.insert(try row.decode(Int64.self))
        }
        guard let missing = ids.first(where: { !known.contains($0) }) else { return nil }
        return EventError.unknownEvent("#\(missing)", known: [])
    }

    /// This community's attendees, by event and key; with `keys`, only those with these (event, key) pairs.
    private func storedAttendees(_ connection: PostgresConnection, keys: [EventAttendee]? = nil) async throws
        -> [EventAttendee]
    {
        let columns = "event_id, key, name, email, registered_at, attended, joined_at, left_at, minutes"
        let query: PostgresQuery =
            if let keys {
                """
                SELECT \(unescaped: columns) FROM event_attendee WHERE community_id = \(communityID)
                    AND (event_id, key) IN (SELECT * FROM unnest(\(keys.map(\.eventID))::bigint[], \(keys.map(\.key))::text[]))
                """
            } else {
                #"SELECT \#(unescaped: columns) FROM event_attendee WHERE community_id = \#(communityID) ORDER BY event_id, key COLLATE "C""#
            }
        return try await connection.rows(query, logger: logger).map { row in
            let (eventID, key, name, email, registered, attended, joined, left, minutes) = try row.decode(
                (Int64, String, String?, String?, Int64?, Bool, Int64?, Int64?, Double?).self)
            return EventAttendee(
                eventID: eventID, key: key, name: name, email: email,
                registeredAt: registered.map(Timestamp.init(microseconds:)), attended: attended,
                joinedAt: joined.map(Timestamp.init(microseconds:)), leftAt: left.map(Timestamp.init(microseconds:)),
                minutes: minutes)
        }
    }

    /// This community's feedback, by event and key; with `keys`, only responses with these (event, key) pairs.
    private func storedFeedback(_ connection: PostgresConnection, keys: [EventFeedback]? = nil) async throws
        -> [EventFeedback]
    {
        let columns = "event_id, key, email, score, rating, comment"
        let query: PostgresQuery =
            if let keys {
                """
                SELECT \(unescaped: columns) FROM event_feedback WHERE community_id = \(communityID)
                    AND (event_id, key) IN (SELECT * FROM unnest(\(keys.map(\.eventID))::bigint[], \(keys.map(\.key))::text[]))
                """
            } else {
                #"SELECT \#(unescaped: columns) FROM event_feedback WHERE community_id = \#(communityID) ORDER BY event_id, key COLLATE "C""#
            }
        return try await connection.rows(query, logger: logger).map { row in
            let (eventID, key, email, score, rating, comment) = try row.decode(
                (Int64, String, String?, Int?, Int?, String?).self)
            return EventFeedback(eventID: eventID, key: key, email: email, score: score, rating: rating, comment: comment)
        }
    }
}

/// An attendee's or a response's key. The key compares by its bytes, as the primary key does:
/// Swift's `String ==` would take two differently encoded spellings of an accent for one person.
struct EventRowKey: Hashable {
    var event: Int64
    var bytes: [UInt8]

    init(event: Int64, key: String) {
        self.event = event
        bytes = Array(key.utf8)
    }
}

extension PostgresStore {
    /// Saves keyed rows the way `SQLiteStore.upsert` does, with a few statements instead of two
    /// per row: `stored` holds what the database has for the rows' keys; each row equal to the
    /// stored (or earlier saved) one is left alone, the others are counted as added or updated,
    /// and the last version of each changed key is written by `write`. Bumps the generation when
    /// anything changed. `storedForm` is what a row reads back as (tags lose empty entries).
    func saveKeyedRows<Row: Equatable, Key: Hashable>(
        _ rows: [Row], stored: [Row], key: (Row) -> Key, storedForm: (Row) -> Row = { $0 },
        _ connection: PostgresConnection, write: ([Row]) async throws -> Void
    ) async throws -> UpsertCounts {
        var current: [Key: Row] = [:]
        for row in stored { current[key(row)] = row }
        var counts = UpsertCounts()
        var changed: [Row] = []
        var changedIndex: [Key: Int] = [:]
        for row in rows {
            let rowKey = key(row)
            let before = current[rowKey]
            if before == row {
                counts.unchanged += 1
                continue
            }
            if before == nil { counts.added += 1 } else { counts.updated += 1 }
            current[rowKey] = storedForm(row)
            // One version per key: PostgreSQL refuses to update a row twice in one statement.
            if let index = changedIndex[rowKey] {
                changed[index] = row
            } else {
                changedIndex[rowKey] = changed.count
                changed.append(row)
            }
        }
        if !changed.isEmpty { try await write(changed) }
        if counts.added + counts.updated > 0 { try await bumpGeneration(connection) }
        return counts
    }

    /// Inserts or replaces `rows` of a community table (SQLite's `INSERT OR REPLACE`), several
    /// thousand per statement: `bind` appends one row's values for `columns`, in order; a row
    /// whose `conflict` key (after `community_id`) exists gets every other column replaced.
    func upsertRows<Row>(
        _ rows: [Row], into table: String, columns: [String], conflict: [String], _ connection: PostgresConnection,
        bind: (Row, inout PostgresBindings) -> Void
    ) async throws {
        let updates = columns.filter { !conflict.contains($0) }.map { "\($0) = excluded.\($0)" }
        let onConflict =
            updates.isEmpty
            ? "DO NOTHING" : "DO UPDATE SET " + updates.joined(separator: ", ")
        // PostgreSQL takes at most 65,535 parameters in a statement.
        let perStatement = 60_000 / columns.count
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            var binds = PostgresBindings(capacity: 1 + chunk.count * columns.count)
            binds.append(communityID)
            var tuples: [String] = []
            tuples.reserveCapacity(chunk.count)
            for row in chunk {
                let first = binds.count + 1
                bind(row, &binds)
                precondition(binds.count == first - 1 + columns.count, "upsertRows: bind \(columns.count) values per row")
                tuples.append("($1, " + (first..<first + columns.count).map { "$\($0)" }.joined(separator: ", ") + ")")
            }
            let sql = """
                INSERT INTO \(table) (community_id, \(columns.joined(separator: ", ")))
                VALUES \(tuples.joined(separator: ", "))
                ON CONFLICT (community_id, \(conflict.joined(separator: ", "))) \(onConflict)
                """
            try await connection.execute(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        }
    }
}
