import Foundation

/// Finds a GitHub account named in free profile text (a Discord nickname such as
/// `Alice Admin (github.com/alice-gh)`): evidence that the chat account and a GitHub login are one
/// person, for identity resolution. Only an explicit `github.com/<login>` counts, never a bare name.
enum GitHubProfileLink {
    /// The login after the first `github.com/` in `text` (letters, digits and `-`), lowercased;
    /// `nil` when there is none.
    static func login(in text: String?) -> String? {
        guard let text else { return nil }
        let lowered = text.lowercased()
        var rest = lowered[...]
        while let range = rest.range(of: "github.com/") {
            let login = rest[range.upperBound...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            if !login.isEmpty { return String(login) }
            rest = rest[range.upperBound...]
        }
        return nil
    }
}
