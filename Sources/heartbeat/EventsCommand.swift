import ArgumentParser
import Foundation
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatImport
import HeartbeatReport
import HeartbeatStore

struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Live events: add them, import attendance and feedback, list and show them.",
        discussion: """
              heartbeat events add --title "Swift on Linux meetup" --date 2026-03-10 --time 17:00 --host alice --tag swift
              heartbeat events attendance zoom-attendees.csv --event 1
              heartbeat events feedback survey.csv --event 1
              heartbeat report events
            An attendance file with an event column (Event, Webinar, Topic…) may hold several
            events; unknown titles become new events dated by their first registration or join.
            """,
        subcommands: [
            EventsAddCommand.self, EventsListCommand.self, EventsShowCommand.self, EventsAttendanceCommand.self,
            EventsFeedbackCommand.self,
        ])
}

struct EventsAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an event.")

    @OptionGroup var store: StoreOptions
    @Option(help: "The event's title.") var title: String
    @Option(help: "Its day, YYYY-MM-DD.") var date: String
    @Option(help: "Its start time, HH:MM (UTC; default 00:00).") var time: String?
    @Option(help: "Who hosts it (a name or member).") var host: String?
    @Option(help: "A tag (repeat for several).") var tag: [String] = []

    func run() async throws {
        guard let day = CivilDate(iso: date) else { throw ValidationError("--date '\(date)' is not a day like 2026-03-10.") }
        var start = day.startTimestamp
        if let time {
            guard let moment = Timestamp(iso: "\(date) \(time)") else { throw ValidationError("--time '\(time)' is not like 17:00.") }
            start = moment
        }
        let database = try await store.open()
        let event = try await database.addEvent(NewEvent(title: title, startsAt: start, host: host, tags: tag))
        print("Added event #\(event.id) \(event.title) on \(event.startsAt.isoDateTime).")
    }
}

struct EventsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every event with its attendance and NPS.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Output: table, markdown, csv or json.") var format: ReportFormat?

    struct Row: Encodable {
        var event: CommunityEvent
        var registered: Int
        var attended: Int
        var responses: Int
        var nps: Double?
    }

    func run() async throws {
        let database = try await store.open()
        let attendees = Dictionary(grouping: try await database.attendees(), by: \.eventID)
        let answers = Dictionary(grouping: try await database.feedback(), by: \.eventID)
        let rows = try await database.events().map { event in
            Row(
                event: event, registered: attendees[event.id]?.count ?? 0, attended: attendees[event.id]?.filter(\.attended).count ?? 0,
                responses: answers[event.id]?.count ?? 0, nps: EventAnalytics.nps(answers[event.id]?.compactMap(\.score) ?? []))
        }
        typealias Column = ReportDocument.Column
        let document = ReportDocument(
            title: "Heartbeat events", subtitle: "\(rows.count) event(s), oldest first",
            sections: [
                .init(
                    title: "Events", key: "events",
                    content: .table(
                        columns: [
                            Column("#", key: "id"), Column("Title", key: "title", alignRight: false),
                            Column("Starts (UTC)", key: "starts_at", alignRight: false), Column("Host", key: "host", alignRight: false),
                            Column("Tags", key: "tags", alignRight: false), Column("Registered", key: "registered"),
                            Column("Attended", key: "attended"), Column("Answers", key: "responses"), Column("NPS", key: "nps"),
                        ],
                        rows: rows.map { (row: Row) -> [ReportDocument.Cell] in
                            let event = row.event
                            return [
                                .int(Int(event.id)), .text(event.title), .text(event.startsAt.isoDateTime), .text(event.host ?? "–"),
                                .text(event.tags.joined(separator: ", ")), .int(row.registered), .int(row.attended),
                                .int(row.responses), .optionalDecimal(row.nps, places: 1),
                            ]
                        }))
            ])
        try ReportRunner.emit(rows, document: document, format: format ?? .forStandardOutput)
    }
}

struct EventsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One event: attendance list and feedback.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The event: #id or its title.") var event: String
    @Option(help: "Output: table, markdown, csv or json.") var format: ReportFormat?

    struct Detail: Encodable {
        var event: CommunityEvent
        var attendees: [EventAttendee]
        var feedback: [EventFeedback]
    }

    func run() async throws {
        let database = try await store.open()
        let found = try await database.resolveEvent(event)
        let attendees = try await database.attendees().filter { $0.eventID == found.id }
        let feedback = try await database.feedback().filter { $0.eventID == found.id }
        let members = try await database.memberIDsByEmail()
        typealias Column = ReportDocument.Column
        typealias Fact = ReportDocument.Fact
        let scores = feedback.compactMap(\.score)
        let document = ReportDocument(
            title: "#\(found.id) \(found.title)", subtitle: "\(found.startsAt.isoDateTime)" + (found.host.map { ", hosted by \($0)" } ?? ""),
            sections: [
                .init(
                    title: "Summary", key: "summary",
                    content: .facts([
                        Fact("Registered", key: "registered", .int(attendees.count)),
                        Fact("Attended", key: "attended", .int(attendees.filter(\.attended).count)),
                        Fact("Answers", key: "responses", .int(feedback.count)),
                        Fact("NPS", key: "nps", .optionalDecimal(EventAnalytics.nps(scores), places: 1)),
                        Fact("Tags", key: "tags", .text(found.tags.joined(separator: ", "))),
                    ])),
                .init(
                    title: "Attendance", key: "attendees",
                    content: .table(
                        columns: [
                            Column("Name", key: "name", alignRight: false), Column("Member", key: "member_id"),
                            Column("Registered", key: "registered_at", alignRight: false), Column("Attended", key: "attended", alignRight: false),
                            Column("Minutes", key: "minutes"),
                        ],
                        rows: attendees.map { (attendee: EventAttendee) -> [ReportDocument.Cell] in
                            let member: String = attendee.email.flatMap { members[$0] }.map { "#\($0)" } ?? "–"
                            return [
                                .text(attendee.name ?? "–"), .text(member), .text(attendee.registeredAt?.isoDateTime ?? "–"),
                                .text(attendee.attended ? "yes" : "no"), .optionalDecimal(attendee.minutes, places: 0),
                            ]
                        })),
                .init(
                    title: "Feedback", key: "feedback",
                    content: .table(
                        columns: [Column("Score", key: "score"), Column("Rating", key: "rating"), Column("Comment", key: "comment", alignRight: false)],
                        rows: feedback.map {
                            [.text($0.score.map(String.init) ?? "–"), .text($0.rating.map(String.init) ?? "–"), .text($0.comment ?? "")]
                        })),
            ])
        try ReportRunner.emit(Detail(event: found, attendees: attendees, feedback: feedback), document: document, format: format ?? .forStandardOutput)
    }
}

/// Prints what an attendance or feedback import did, then its malformed rows.
enum EventSheetOutput {
    static func print(_ summary: EventSheetImportSummary, file: String, what: String) {
        for created in summary.createdEvents { Swift.print("Created event \(created).") }
        Swift.print(
            "\(file): \(summary.rows) rows, \(summary.records) \(what): \(summary.saved.added) added, \(summary.saved.updated) updated, "
                + "\(summary.saved.unchanged) unchanged; \(summary.malformed) malformed.")
        if summary.malformed > 0 {
            Terminal.printError("\(summary.malformed) malformed row(s) skipped:\n  " + summary.malformedExamples.joined(separator: "\n  "))
        }
    }
}

struct EventsAttendanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attendance",
        abstract: "Import an attendance export (Zoom, Google Meet, Eventbrite, Luma, Meetup, a sheet).",
        discussion: """
            Columns are found by their usual headers: name (or first + last name), email,
            registration time, attended (yes/no, checked in), join and leave time, duration
            (minutes, h:mm:ss, "1 hr 5 min"), event. Map others with --column FIELD=HEADER
            (fields: email, name, first_name, last_name, registered, attended, joined, left,
            duration, event). Without an attended column, a join time or a duration means
            attended. Rows of one person (rejoins) are merged. Times without a zone are UTC.
            A malformed row is counted and shown with its line, the rest is imported; --strict
            stores nothing when any row is malformed. Importing again updates, never duplicates.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The CSV file.") var file: String
    @Option(help: "The event (#id or title) every row belongs to; without it, the file's event column is used.")
    var event: String?
    @Option(name: .customLong("column"), help: "FIELD=HEADER: which column holds a field.") var columns: [String] = []
    @Flag(help: "Refuse the whole file when any row is malformed.") var strict = false

    func run() async throws {
        let database = try await store.open()
        let target = try await event.asyncMap { try await database.resolveEvent($0) }
        let summary = try await AttendanceImporter(file: file, event: target, columns: columns, strict: strict).run(into: database)
        EventSheetOutput.print(summary, file: file, what: "people")
    }
}

struct EventsFeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Import a feedback survey export: 0–10 recommendation score, 1–5 rating, comments.",
        discussion: """
            The score column's header mentions "recommend", "NPS" or "likely"; the rating's
            "rating", "satisfaction", "overall" or "stars"; the comment's "comment", "feedback",
            "suggestion" or "improve". Map others with --column score=HEADER (fields: email,
            score, rating, comment, event). A score outside 0–10 or a rating outside 1–5 is a
            malformed row: counted, shown with its line, skipped (--strict: nothing stored).
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The CSV file.") var file: String
    @Option(help: "The event (#id or title) every answer belongs to; without it, the file's event column is used.")
    var event: String?
    @Option(name: .customLong("column"), help: "FIELD=HEADER: which column holds a field.") var columns: [String] = []
    @Flag(help: "Refuse the whole file when any row is malformed.") var strict = false

    func run() async throws {
        let database = try await store.open()
        let target = try await event.asyncMap { try await database.resolveEvent($0) }
        let summary = try await FeedbackImporter(file: file, event: target, columns: columns, strict: strict).run(into: database)
        EventSheetOutput.print(summary, file: file, what: "answers")
    }
}
