import Foundation

/// Where live events, their attendance and their feedback live, beside the community data.
/// Attendance and feedback are saved by key (event + person, event + respondent), so importing the
/// same export again changes nothing. Every save is one transaction.
public protocol EventStore: Sendable {
    func addEvent(_ new: NewEvent) async throws -> CommunityEvent
    /// Every event, oldest first.
    func events() async throws -> [CommunityEvent]
    func saveAttendance(_ attendees: [EventAttendee]) async throws -> UpsertCounts
    func saveFeedback(_ responses: [EventFeedback]) async throws -> UpsertCounts
    func attendees() async throws -> [EventAttendee]
    func feedback() async throws -> [EventFeedback]
}

extension EventStore {
    /// The one event `query` names: `#3` or `3` by id, else a title (case-insensitive, exact, or
    /// the only one containing it).
    public func resolveEvent(_ query: String) async throws -> CommunityEvent {
        let all = try await events()
        var text = query.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("#") { text.removeFirst() }
        if let id = Int64(text), let event = all.first(where: { $0.id == id }) { return event }
        let exact = all.filter { $0.title.caseInsensitiveCompare(text) == .orderedSame }
        if exact.count == 1 { return exact[0] }
        let containing = exact.isEmpty ? all.filter { $0.title.localizedCaseInsensitiveContains(text) } : exact
        if containing.count == 1 { return containing[0] }
        if containing.isEmpty {
            throw EventError.unknownEvent(query, known: all.suffix(5).map { "#\($0.id) \($0.title)" })
        }
        throw EventError.ambiguousEvent(query, matches: containing.map { "#\($0.id) \($0.title) (\($0.startsAt.isoDay))" })
    }
}
