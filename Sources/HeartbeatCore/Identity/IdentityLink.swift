/// Why two accounts were joined into one person: the evidence a user can check.
public struct IdentityLink: Sendable, Hashable, Codable {
    public enum Rule: String, Sendable, Codable, CaseIterable {
        /// Merged with `heartbeat identities merge`.
        case manual = "merged by hand"
        /// The same e-mail address (Slack profile, commit author e-mail).
        case sameEmail = "same e-mail"
        /// A GitHub login that one account is and another names in its profile
        /// (`github.com/<login>`), or that both name.
        case sameGitHubLogin = "same GitHub login"
        /// The same account id in two workspaces of a platform whose ids are global (Discord,
        /// Telegram, GitHub): the same account seen in two exports.
        case sameAccount = "same account"
    }

    public var identityA: Int64
    public var identityB: Int64
    public var rule: Rule
    /// What matched, safe to show: the login, or an e-mail masked as `a…@example.org`.
    public var evidence: String

    public init(identityA: Int64, identityB: Int64, rule: Rule, evidence: String) {
        self.identityA = identityA
        self.identityB = identityB
        self.rule = rule
        self.evidence = evidence
    }

    public var description: String { evidence.isEmpty ? rule.rawValue : "\(rule.rawValue) \(evidence)" }
}

/// Evidence that was found but not used, and why (a shared mailbox, a split by hand).
public struct IdentityRefusal: Sendable, Hashable, Codable {
    public var rule: IdentityLink.Rule
    public var evidence: String
    public var identities: [Int64]
    public var reason: String

    public init(rule: IdentityLink.Rule, evidence: String, identities: [Int64], reason: String) {
        self.rule = rule
        self.evidence = evidence
        self.identities = identities
        self.reason = reason
    }
}
