import HeartbeatCore

/// Every GitHub account seen while reading, one `Identity` per login (lowercased), merged across
/// events and files: a bot flag from any sighting sticks, e-mail evidence accumulates.
struct GitHubIdentityBook: Sendable {
    private var byID: [String: Identity] = [:]

    var isEmpty: Bool { byID.isEmpty }

    /// Notes an account; `nil` (a deleted account in REST output) is ignored.
    mutating func note(_ user: GitHubUser?) {
        guard let user else { return }
        let id = user.externalID
        if var known = byID[id] {
            known.isBot = known.isBot || user.isBot
            if let shown = user.displayLogin, !shown.isEmpty { known.displayName = shown }
            byID[id] = known
        } else {
            byID[id] = Identity(
                externalID: id, handle: user.login, displayName: user.displayLogin ?? user.login, isBot: user.isBot,
                githubLogin: user.login)
        }
    }

    /// Records a commit author address as evidence for an account already noted.
    mutating func addEmail(_ email: String, toLogin login: String) {
        let id = login.lowercased()
        guard var known = byID[id] else { return }
        let address = email.lowercased()
        if !known.otherEmails.contains(address) { known.otherEmails.append(address) }
        byID[id] = known
    }

    mutating func merge(_ other: GitHubIdentityBook) {
        for identity in other.byID.values {
            if var known = byID[identity.externalID] {
                known.isBot = known.isBot || identity.isBot
                for email in identity.otherEmails where !known.otherEmails.contains(email) { known.otherEmails.append(email) }
                byID[identity.externalID] = known
            } else {
                byID[identity.externalID] = identity
            }
        }
    }

    /// Whether the account is a bot, by any sighting so far.
    func isBot(_ externalID: String) -> Bool { byID[externalID]?.isBot ?? false }

    subscript(externalID: String) -> Identity? { byID[externalID] }

    /// Sorted by external id, so that imports are reproducible.
    var identities: [Identity] { byID.values.sorted { $0.externalID < $1.externalID } }
}
