import Foundation

/// What a submission proposes. The kind does not change the pipeline; it lets a report separate
/// tutorials from talks and code.
public enum SubmissionKind: String, Sendable, Codable, CaseIterable, Hashable {
    case tutorial
    case talk
    case code
    case other

    public init?(lenient text: String) {
        let key = text.lowercased().trimmingCharacters(in: .whitespaces)
        switch key {
        case "", "article", "post", "blog", "tutorial": self = .tutorial
        case "talk", "talk proposal", "presentation", "session": self = .talk
        case "code", "code contribution", "pr", "pull request", "feature": self = .code
        default:
            guard let kind = SubmissionKind(rawValue: key) else { return nil }
            self = kind
        }
    }
}
