/// Why an event command was refused, with what to do instead.
public struct EventError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String

    private init(_ message: String) { self.message = message }

    public var description: String { message }

    public static func invalidInput(_ message: String) -> EventError { EventError(message) }

    public static func unknownEvent(_ query: String, known: [String]) -> EventError {
        EventError(
            "no event matches '\(query)'. "
                + (known.isEmpty
                    ? "Add it first: heartbeat events add --title TITLE --date YYYY-MM-DD."
                    : "heartbeat events list shows them; known: \(known.prefix(5).joined(separator: ", ")).")
        )
    }

    public static func ambiguousEvent(_ query: String, matches: [String]) -> EventError {
        EventError("'\(query)' names several events: \(matches.joined(separator: ", ")). Give the event's id (#N).")
    }
}
