/// A report that cannot be computed as asked, with what to do about it.
public struct AnalyticsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    static func unknownSegment(_ name: String, known: [String]) -> AnalyticsError {
        AnalyticsError(
            known.isEmpty
                ? "unknown segment '\(name)': no segments are declared; add a [[segment]] table to heartbeat.toml"
                : "unknown segment '\(name)'; declared in heartbeat.toml: " + known.joined(separator: ", "))
    }
}
