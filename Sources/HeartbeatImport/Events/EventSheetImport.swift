import HeartbeatCore

/// What an attendance or feedback import did: rows read, people or answers saved, events it
/// created, and the malformed rows by line (skipped, the rest imported).
public struct EventSheetImportSummary: Sendable, Hashable, Codable, MalformedRows {
    public var rows = 0
    /// Distinct people (attendance) or answers (feedback) in the file.
    public var records = 0
    public var saved = UpsertCounts()
    /// `#id title (day)` of events created for unknown names in an event column.
    public var createdEvents: [String] = []
    public var malformed = 0
    /// `file:line: reason`, the first 20.
    public var malformedExamples: [String] = []

    public init() {}

    /// `--strict`: any malformed row refuses the whole file, before anything is stored.
    func refuseMalformed(file: String) throws {
        guard malformed > 0 else { return }
        throw ImportError.input(
            file, line: nil,
            "\(malformed) row(s) cannot be imported; nothing was stored (--strict):\n  " + malformedExamples.joined(separator: "\n  "))
    }
}

/// Which event each row belongs to: the one given with `--event`, or the row's event column
/// (an event title; one the store does not know yet is created at its first join, or without
/// joins at its first registration).
struct EventAssignment {
    var fixed: CommunityEvent?
    var byTitle: [String: CommunityEvent] = [:]
    /// Titles the store lacks, with the earliest join and the earliest registration seen.
    var pending: [String: (title: String, joined: Timestamp?, registered: Timestamp?)] = [:]

    static let eventHeaders = ["event", "eventname", "eventtitle", "webinar", "webinarname", "webinartopic", "topic", "meeting", "meetingtopic", "session"]

    /// Rows need an event: `--event`, or an event column.
    static func requireEventSource(_ event: CommunityEvent?, sheet: SheetColumns, header: CSVReader.Record, file: String) throws {
        guard event == nil && !sheet.has("event") else { return }
        throw ImportError.input(file, line: header.line, "has no event column; give the event with --event ID (heartbeat events list).")
    }

    init(fixed: CommunityEvent?, known: [CommunityEvent]) {
        self.fixed = fixed
        for event in known { byTitle[event.title.lowercased()] = event }
    }

    /// Creates the events rows named but the store lacks, returning their descriptions.
    mutating func createPending(in store: any EventStore, file: String) async throws -> [String] {
        var created: [String] = []
        for (key, entry) in pending.sorted(by: { $0.key < $1.key }) {
            // The first join is the event's start; without joins, the first registration dates it.
            guard let day = entry.joined ?? entry.registered else {
                throw ImportError.input(
                    file, line: nil,
                    "event '\(entry.title)' is unknown and no row gives it a date; add it first: heartbeat events add --title \"\(entry.title)\" --date YYYY-MM-DD")
            }
            let event = try await store.addEvent(NewEvent(title: entry.title, startsAt: day))
            byTitle[key] = event
            created.append("#\(event.id) \(event.title) (\(event.startsAt.isoDay))")
        }
        pending = [:]
        return created
    }
}
