import Foundation
import GRDB
import HeartbeatCore

extension SQLiteStore: EventStore {
    public func addEvent(_ new: NewEvent) async throws -> CommunityEvent {
        let new = try new.validated()
        return try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO community_event (title, starts_at, host, tags) VALUES (?, ?, ?, ?)",
                arguments: [new.title, new.startsAt.microseconds, new.host, new.tags.joined(separator: "\n")])
            try Self.bumpGeneration(db)
            return CommunityEvent(id: db.lastInsertedRowID, title: new.title, startsAt: new.startsAt, host: new.host, tags: new.tags)
        }
    }

    public func events() async throws -> [CommunityEvent] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, title, starts_at, host, tags FROM community_event ORDER BY starts_at, id").map { row in
                let tags: String = row[4]
                return CommunityEvent(
                    id: row[0], title: row[1], startsAt: Timestamp(microseconds: row[2]), host: row[3],
                    tags: tags.isEmpty ? [] : tags.split(separator: "\n").map(String.init))
            }
        }
    }

    public func saveAttendance(_ attendees: [EventAttendee]) async throws -> UpsertCounts {
        try await writer.write { db in
            try Self.upsert(
                attendees, db: db,
                stored: { attendee in
                    try Self.requireEvent(attendee.eventID, db: db)
                    return try Self.attendees(db, where: "event_id = ? AND key = ?", [attendee.eventID, attendee.key]).first
                }
            ) { attendee in
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO event_attendee
                            (event_id, key, name, email, registered_at, attended, joined_at, left_at, minutes)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        attendee.eventID, attendee.key, attendee.name, attendee.email, attendee.registeredAt?.microseconds,
                        attendee.attended, attendee.joinedAt?.microseconds, attendee.leftAt?.microseconds, attendee.minutes,
                    ])
            }
        }
    }

    public func saveFeedback(_ responses: [EventFeedback]) async throws -> UpsertCounts {
        try await writer.write { db in
            try Self.upsert(
                responses, db: db,
                stored: { response in
                    try Self.requireEvent(response.eventID, db: db)
                    return try Self.feedback(db, where: "event_id = ? AND key = ?", [response.eventID, response.key]).first
                }
            ) { response in
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO event_feedback (event_id, key, email, score, rating, comment)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [response.eventID, response.key, response.email, response.score, response.rating, response.comment])
            }
        }
    }

    public func attendees() async throws -> [EventAttendee] {
        try await writer.read { db in try Self.attendees(db, where: "1", []) }
    }

    public func feedback() async throws -> [EventFeedback] {
        try await writer.read { db in try Self.feedback(db, where: "1", []) }
    }

    private static func requireEvent(_ id: Int64, db: Database) throws {
        guard try Int64.fetchOne(db, sql: "SELECT id FROM community_event WHERE id = ?", arguments: [id]) != nil else {
            throw EventError.unknownEvent("#\(id)", known: [])
        }
    }

    private static func attendees(_ db: Database, where condition: String, _ arguments: StatementArguments) throws
        -> [EventAttendee]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT event_id, key, name, email, registered_at, attended, joined_at, left_at, minutes
                FROM event_attendee WHERE \(condition) ORDER BY event_id, key
                """, arguments: arguments
        ).map { row in
            let registered: Int64? = row[4]
            let joined: Int64? = row[6]
            let left: Int64? = row[7]
            return EventAttendee(
                eventID: row[0], key: row[1], name: row[2], email: row[3],
                registeredAt: registered.map(Timestamp.init(microseconds:)), attended: row[5],
                joinedAt: joined.map(Timestamp.init(microseconds:)), leftAt: left.map(Timestamp.init(microseconds:)),
                minutes: row[8])
        }
    }

    private static func feedback(_ db: Database, where condition: String, _ arguments: StatementArguments) throws
        -> [EventFeedback]
    {
        try Row.fetchAll(
            db,
            sql: "SELECT event_id, key, email, score, rating, comment FROM event_feedback WHERE \(condition) ORDER BY event_id, key",
            arguments: arguments
        ).map { row in
            EventFeedback(eventID: row[0], key: row[1], email: row[2], score: row[3], rating: row[4], comment: row[5])
        }
    }
}
