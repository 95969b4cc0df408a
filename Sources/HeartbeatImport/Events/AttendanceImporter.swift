import Foundation
import HeartbeatCore

/// Imports an attendance export (Zoom, Google Meet, Eventbrite, Luma, Meetup or a hand-kept
/// sheet) as CSV. Columns are found by their usual headers or mapped with `--column field=Header`:
///
/// | field | usual headers |
/// |---|---|
/// | name | Name, Name (Original Name), User Name, Full Name; or First Name + Last Name |
/// | email | Email, User Email, Email Address, Attendee Email |
/// | registered | Registration Time, Registered At, Order Date, Created At, RSVP Date |
/// | attended | Attended, Checked In, Attendance, Present, Attendee Status (yes/no, true/false, 1/0, checked in, attending/no show) |
/// | joined, left | Join Time, Time Joined, Checked In At; Leave Time, Time Exited |
/// | duration | Duration (Minutes), Duration, Time in Session (minutes, h:mm:ss or 1 hr 5 min) |
/// | event | Event, Event Name, Webinar, Topic, Meeting |
///
/// Without an attended column, someone attended when they have a join time or a duration. Rows
/// for the same person (by e-mail, else name) are merged: a Zoom report lists every rejoin. All
/// rows go to `--event` when given, else to their event column's event. A bad row is counted and
/// listed with its line, and the rest is imported (`strict` refuses the whole file instead).
public struct AttendanceImporter: Sendable {
    public var file: String
    /// The event every row belongs to (`--event`), or nil to use the event column.
    public var event: CommunityEvent?
    public var columns: [String]
    public var strict: Bool

    static let fields: [SheetColumns.Field] = [
        .init(name: "email", headers: ["email", "emailaddress", "useremail", "attendeeemail", "participantemail", "~email"]),
        .init(name: "name", headers: ["name", "nameoriginalname", "usernameoriginalname", "username", "fullname", "attendeename", "participant", "displayname"]),
        .init(name: "first_name", headers: ["firstname", "givenname"]),
        .init(name: "last_name", headers: ["lastname", "surname", "familyname"]),
        .init(name: "registered", headers: ["registrationtime", "registeredat", "registered", "registrationdate", "orderdate", "createdat", "rsvpdate", "signedupat"]),
        .init(name: "attended", headers: ["attended", "checkedin", "attendance", "present", "attendeestatus", "isattended"]),
        .init(name: "joined", headers: ["jointime", "joinedat", "timejoined", "checkedinat", "checkintime", "firstjoin", "firstseen"]),
        .init(name: "left", headers: ["leavetime", "leftat", "timeexited", "lastleave", "lastseen"]),
        .init(name: "duration", headers: ["durationminutes", "duration", "timeinsession", "timeinsessionminutes", "minutes", "attendanceduration", "~duration"]),
        .init(name: "event", headers: EventAssignment.eventHeaders),
    ]

    public init(file: String, event: CommunityEvent?, columns: [String] = [], strict: Bool = false) {
        self.file = file
        self.event = event
        self.columns = columns
        self.strict = strict
    }

    public func run(into store: any EventStore) async throws -> EventSheetImportSummary {
        let (records, header, sheet) = try SheetColumns.read(file: file, fields: Self.fields, columns: columns)
        guard sheet.has("email") || sheet.has("name") || sheet.has("first_name") else {
            throw ImportError.input(
                file, line: header.line,
                "has no email or name column (header: \(header.fields.joined(separator: ", "))). Map one with --column email=HEADER.")
        }
        guard sheet.has("attended") || sheet.has("joined") || sheet.has("duration") else {
            throw ImportError.input(
                file, line: header.line,
                "cannot tell who attended: no attended, join time or duration column (header: \(header.fields.joined(separator: ", "))). Map one with --column attended=HEADER.")
        }
        try EventAssignment.requireEventSource(event, sheet: sheet, header: header, file: file)
        var assignment = EventAssignment(fixed: event, known: try await store.events())
        var summary = EventSheetImportSummary()
        struct Row {
            var eventKey: String
            var attendee: EventAttendee
        }
        var rows: [Row] = []
        for record in records {
            summary.rows += 1
            var problems: [String] = []
            let email = sheet.value("email", record)
            var name = sheet.value("name", record)
            if name.isEmpty {
                name = [sheet.value("first_name", record), sheet.value("last_name", record)].filter { !$0.isEmpty }.joined(separator: " ")
            }
            // Zoom writes "Jane Doe (Jane D.)" under Name (Original Name): keep the current name.
            if let open = name.firstIndex(of: "("), name.hasSuffix(")"), open != name.startIndex {
                name = name[..<open].trimmingCharacters(in: .whitespaces)
            }
            if !email.isEmpty && !email.contains("@") { problems.append("'\(email)' is not an e-mail address") }
            let key = EventAttendee.key(email: email, name: name)
            if key == nil { problems.append("no e-mail and no name") }
            func moment(_ field: String) -> Timestamp? {
                let text = sheet.value(field, record)
                guard !text.isEmpty, text != "-", text != "--" else { return nil }
                guard let time = SheetTime.parse(text) else {
                    problems.append("\(field) '\(text)' is not a date-time")
                    return nil
                }
                return time
            }
            let registered = moment("registered"), joined = moment("joined"), left = moment("left")
            var minutes: Double? = nil
            let durationText = sheet.value("duration", record)
            if !durationText.isEmpty {
                minutes = Self.minutes(durationText, header: sheet.has("duration") ? sheet.header[sheet.index["duration"]!] : "")
                if minutes == nil { problems.append("duration '\(durationText)' is not minutes, h:mm:ss or '1 hr 5 min'") }
            }
            var attended = joined != nil || (minutes ?? 0) > 0
            if sheet.has("attended") {
                let text = sheet.value("attended", record)
                if let value = Self.yesNo(text) {
                    attended = value
                } else {
                    problems.append("attended '\(text)' is not yes or no")
                }
            }
            var eventKey = ""
            if assignment.fixed == nil {
                let title = sheet.value("event", record)
                if title.isEmpty {
                    problems.append("empty event")
                } else {
                    eventKey = title.lowercased()
                    if assignment.byTitle[eventKey] == nil {
                        let earlier = assignment.pending[eventKey]
                        assignment.pending[eventKey] = (
                            title, [joined, earlier?.joined].compactMap { $0 }.min(),
                            [registered, earlier?.registered].compactMap { $0 }.min()
                        )
                    }
                }
            }
            guard problems.isEmpty, let key else {
                summary.noteMalformed(file: file, line: record.line, reason: problems.joined(separator: "; "))
                continue
            }
            rows.append(
                Row(
                    eventKey: eventKey,
                    attendee: EventAttendee(
                        eventID: 0, key: key, name: name.isEmpty ? nil : name, email: email.isEmpty ? nil : email.lowercased(),
                        registeredAt: registered, attended: attended, joinedAt: joined, leftAt: left, minutes: minutes)))
        }
        if strict { try summary.refuseMalformed(file: file) }
        summary.createdEvents = try await assignment.createPending(in: store, file: file)
        // One record per person and event: earliest registration and join, latest leave, summed minutes.
        var merged: [String: EventAttendee] = [:]
        var order: [String] = []
        for row in rows {
            guard let event = assignment.fixed ?? assignment.byTitle[row.eventKey] else { continue }
            var attendee = row.attendee
            attendee.eventID = event.id
            let id = "\(event.id)\u{1F}\(attendee.key)"
            guard var known = merged[id] else {
                merged[id] = attendee
                order.append(id)
                continue
            }
            known.name = known.name ?? attendee.name
            known.email = known.email ?? attendee.email
            known.registeredAt = [known.registeredAt, attendee.registeredAt].compactMap { $0 }.min()
            known.joinedAt = [known.joinedAt, attendee.joinedAt].compactMap { $0 }.min()
            known.leftAt = [known.leftAt, attendee.leftAt].compactMap { $0 }.max()
            known.attended = known.attended || attendee.attended
            if known.minutes != nil || attendee.minutes != nil { known.minutes = (known.minutes ?? 0) + (attendee.minutes ?? 0) }
            merged[id] = known
        }
        summary.records = order.count
        summary.saved = try await store.saveAttendance(order.compactMap { merged[$0] })
        return summary
    }

    static func yesNo(_ text: String) -> Bool? {
        let value = SheetColumns.normalize(text)
        if ["yes", "y", "true", "1", "x", "attended", "checkedin", "present", "attending", "joined"].contains(value) || text == "✓" {
            return true
        }
        if ["no", "n", "false", "0", "", "absent", "noshow", "notattended", "notattending", "registered", "notcheckedin", "cancelled", "canceled"].contains(value) {
            return false
        }
        return nil
    }

    /// `45`, `45.5` (minutes, or seconds when the header says so), `1:05:00`, `1 hr 5 min`, `65m`.
    static func minutes(_ text: String, header: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let number = Double(trimmed) { return SheetColumns.normalize(header).contains("second") ? number / 60 : number }
        if trimmed.contains(":") {
            let parts = trimmed.split(separator: ":").map { Double($0) }
            guard parts.allSatisfy({ $0 != nil }) else { return nil }
            let values = parts.compactMap { $0 }
            switch values.count {
            case 2: return values[0] + values[1] / 60
            case 3: return values[0] * 60 + values[1] + values[2] / 60
            default: return nil
            }
        }
        var total = 0.0
        var number = ""
        var matched = false
        var index = trimmed.startIndex
        while index < trimmed.endIndex {
            let character = trimmed[index]
            if character.isNumber || character == "." {
                number.append(character)
                index = trimmed.index(after: index)
                continue
            }
            if character.isLetter {
                var unit = ""
                while index < trimmed.endIndex, trimmed[index].isLetter {
                    unit.append(trimmed[index])
                    index = trimmed.index(after: index)
                }
                guard let value = Double(number) else { return nil }
                if unit.hasPrefix("h") {
                    total += value * 60
                } else if unit.hasPrefix("m") {
                    total += value
                } else if unit.hasPrefix("s") {
                    total += value / 60
                } else {
                    return nil
                }
                number = ""
                matched = true
                continue
            }
            index = trimmed.index(after: index)
        }
        return matched && number.isEmpty ? total : nil
    }
}
