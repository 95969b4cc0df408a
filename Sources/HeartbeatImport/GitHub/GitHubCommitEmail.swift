/// What a push's commit author e-mails say about who the pusher is, for identity resolution.
///
/// A push may carry other people's commits (a merge from upstream, a rebase of a colleague's
/// branch), so an address counts only when every commit of the push has the same one. GitHub's
/// private addresses (`12345+login@users.noreply.github.com`, older `login@users.noreply.github.com`)
/// are not e-mail evidence: they name a login, which is kept only if it is the pusher's own.
enum GitHubCommitEmail {
    static let noreplyDomain = "users.noreply.github.com"

    /// The address to record for the pusher, or `nil` when the push gives no usable evidence.
    static func evidence(commits: [GitHubCommit]) -> String? {
        let emails = commits.map { $0.author?.email?.lowercased() ?? "" }
        guard let first = emails.first, !first.isEmpty, emails.allSatisfy({ $0 == first }) else { return nil }
        guard let at = first.lastIndex(of: "@"), first.startIndex < at else { return nil }
        let domain = first[first.index(after: at)...]
        guard domain != noreplyDomain else {
            // The login the private address names is the actor's own login, already known: no e-mail
            // to add; another login's private address says nothing about the actor.
            return nil
        }
        return first
    }

    /// The login a GitHub private address names (`12345+alice@users.noreply.github.com` → `alice`),
    /// lowercased; `nil` for any other address.
    static func login(fromNoreply email: String) -> String? {
        let lowered = email.lowercased()
        guard lowered.hasSuffix("@" + noreplyDomain) else { return nil }
        let local = lowered.dropLast(noreplyDomain.count + 1)
        let login = local.split(separator: "+", maxSplits: 1).last.map(String.init) ?? ""
        return login.isEmpty ? nil : login
    }
}
