import HTTPTypes
import Hummingbird

/// A refusal with a status and a message a person can act on. Pages show it as HTML, the API as
/// `{"error": {"status": 400, "message": "…"}}`; nothing a user sends can turn into a 500.
public struct DashboardError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status.code) \(status.reasonPhrase): \(message)" }

    static func badParameter(_ name: String, _ value: String, expected: String) -> DashboardError {
        DashboardError(.badRequest, "query parameter '\(name)' is '\(value.prefix(80))': expected \(expected).")
    }
}
