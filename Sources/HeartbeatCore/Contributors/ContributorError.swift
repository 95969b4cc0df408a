/// Why the contributor program refused a request, with what to do instead.
public struct ContributorError: Error, Sendable, CustomStringConvertible, Equatable {
    private enum Code: String, Sendable {
        case invalidMove, unknownSubmission, unknownMember, ambiguousMember, unknownRole, notHeld, unknownVersion
        case versionExists, invalidInput, timeOrder
    }

    private let code: Code
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static func invalidMove(id: Int64, from: SubmissionState, to: SubmissionState) -> ContributorError {
        let allowed = from.allowedNext.map(\.rawValue)
        return ContributorError(
            .invalidMove,
            "submission #\(id) is \(from.rawValue) and cannot move to \(to.rawValue). "
                + (allowed.isEmpty
                    ? "\(from.rawValue) is final."
                    : "From \(from.rawValue) it can move to: \(allowed.joined(separator: ", "))."))
    }

    public static func unknownSubmission(_ id: Int64) -> ContributorError {
        ContributorError(.unknownSubmission, "no submission #\(id). heartbeat submissions list shows them.")
    }

    public static func unknownMember(_ query: String, suggestions: [String]) -> ContributorError {
        ContributorError(
            .unknownMember,
            "no member matches '\(query)' (by handle, name, e-mail or id). "
                + (suggestions.isEmpty
                    ? "heartbeat members --search TEXT finds members; --new-member adds one known only to the contributor program."
                    : "Did you mean: \(suggestions.joined(separator: ", "))?"))
    }

    public static func ambiguousMember(_ query: String, candidates: [String]) -> ContributorError {
        ContributorError(
            .ambiguousMember,
            "'\(query)' matches \(candidates.count) members: \(candidates.prefix(8).joined(separator: ", ")). "
                + "Name one by @handle, e-mail or member id.")
    }

    public static func unknownRole(_ role: String, known: [String]) -> ContributorError {
        ContributorError(
            .unknownRole,
            "unknown role '\(role)'. Roles: \(known.joined(separator: ", ")). Add more under [contributors] roles in heartbeat.toml.")
    }

    public static func notHeld(role: String, member: String) -> ContributorError {
        ContributorError(.notHeld, "\(member) does not hold the role \(role) at that date.")
    }

    public static func unknownVersion(_ version: String, known: [String]) -> ContributorError {
        ContributorError(
            .unknownVersion,
            "no guidelines version '\(version)'. "
                + (known.isEmpty
                    ? "Publish one first: heartbeat guidelines publish VERSION."
                    : "Versions: \(known.joined(separator: ", "))."))
    }

    public static func versionExists(_ version: String) -> ContributorError {
        ContributorError(.versionExists, "guidelines version '\(version)' is published already.")
    }

    public static func invalidInput(_ message: String) -> ContributorError { ContributorError(.invalidInput, message) }

    public static func timeOrder(id: Int64, at: Timestamp, last: Timestamp) -> ContributorError {
        ContributorError(
            .timeOrder,
            "submission #\(id) last changed at \(last.isoDateTime); a move cannot be dated earlier (\(at.isoDateTime)).")
    }
}
