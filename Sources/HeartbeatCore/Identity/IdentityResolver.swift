import Foundation

/// Decides which accounts are one person. Pure: the store hands it every account and every
/// decision made by hand, and applies the groups it returns, after each import and each
/// `identities merge`/`split`, so the same inputs always give the same people.
///
/// Rules, strongest first (each documented in the README):
/// 1. A merge by hand joins two accounts; a split by hand keeps two apart, and no rule may join them
///    even through a third account.
/// 2. The same e-mail address (profile e-mail, commit author e-mail), unless it is a role address
///    (`info@`, `support@`, …) or two accounts of one workspace share it: then it is a shared
///    mailbox, not a person, and the evidence is refused and listed.
/// 3. The same GitHub login: a GitHub account, and a chat profile naming `github.com/<login>`.
/// 4. The same account id in two workspaces of a platform whose ids are global (Discord, Telegram,
///    GitHub).
/// Bots are never joined automatically. Names alone never join anyone: similar names are only
/// offered as candidates (`IdentityCandidates`) for a person to decide.
public struct IdentityResolver: Sendable {
    /// Local parts of role mailboxes that several people read: never evidence of one person.
    public static let defaultGenericLocalParts: Set<String> = [
        "info", "admin", "administrator", "support", "contact", "hello", "hi", "team", "office", "sales",
        "billing", "help", "noreply", "no-reply", "donotreply", "do-not-reply", "dev", "devs", "developers",
        "engineering", "community", "devrel", "marketing", "press", "jobs", "careers", "hr", "security", "root",
        "postmaster", "webmaster", "hostmaster", "abuse", "mail", "email", "test", "user", "github", "git",
        "bot", "bots", "notifications", "all", "everyone", "staff", "ops", "it", "legal", "privacy",
    ]

    public var genericLocalParts: Set<String>

    public init(genericLocalParts: Set<String> = IdentityResolver.defaultGenericLocalParts) {
        self.genericLocalParts = genericLocalParts
    }

    /// Platforms whose account ids name the same account in every workspace.
    static let globalIDPlatforms: Set<Platform> = [.discord, .telegram, .github]

    public func resolve(_ records: [IdentityRecord], decisions: [IdentityDecision]) -> IdentityResolution {
        // The stores hand accounts over in id order already; sorting moved every record anyway.
        let sorted = zip(records, records.dropFirst()).allSatisfy { $0.id < $1.id } ? records : records.sorted { $0.id < $1.id }
        var index: [Int64: Int] = [:]
        if !decisions.isEmpty {
            index.reserveCapacity(sorted.count)
            for (position, record) in sorted.enumerated() { index[record.id] = position }
        }
        var sets = DisjointSets(count: sorted.count)
        var links: [IdentityLink] = []
        var refusals: [IdentityRefusal] = []

        // Splits: pairs that must stay apart. Newest decision per pair wins (the store keeps one).
        for decision in decisions where decision.kind == .split {
            guard let a = index[decision.identityA], let b = index[decision.identityB] else { continue }
            sets.forbid(a, b)
        }
        func join(_ a: Int, _ b: Int, _ rule: IdentityLink.Rule, _ evidence: String) {
            if sets.union(a, b) {
                links.append(IdentityLink(identityA: sorted[a].id, identityB: sorted[b].id, rule: rule, evidence: evidence))
            } else if sets.find(a) != sets.find(b) {
                refusals.append(
                    IdentityRefusal(
                        rule: rule, evidence: evidence, identities: [sorted[a].id, sorted[b].id],
                        reason: "kept apart by `identities split`"))
            }
        }
        for decision in decisions.sorted(by: { $0.decidedAt < $1.decidedAt }) where decision.kind == .merge {
            guard let a = index[decision.identityA], let b = index[decision.identityB] else { continue }
            join(a, b, .manual, "")
        }

        // Evidence keys → accounts, in a fixed order so the result never depends on input order.
        // A key's first account is kept apart from the lists of keys seen twice or more: nearly
        // every key belongs to one account (an e-mail per account, 50,000 on the 1M bench), and
        // an array per key, then sorting them all, was most of an import's identity resolution.
        var firstHolder: [EvidenceKey: Int] = [:]
        var groups: [EvidenceKey: [Int]] = [:]
        for (position, record) in sorted.enumerated() where !record.isBot {
            for key in evidence(of: record) {
                if let first = firstHolder.updateValue(position, forKey: key) {
                    firstHolder[key] = first
                    groups[key, default: [first]].append(position)
                }
            }
        }
        for key in groups.keys.sorted() {
            let members = groups[key]!
            let shown = key.rule == .sameEmail ? Self.masked(key.value) : key.value
            var seenWorkspaces: [Int64: Int] = [:]
            var shared: (Int, Int)?
            for position in members {
                if let other = seenWorkspaces[sorted[position].workspaceID] { shared = (other, position); break }
                seenWorkspaces[sorted[position].workspaceID] = position
            }
            if let (first, second) = shared {
                let workspace = sorted[first].workspaceName
                refusals.append(
                    IdentityRefusal(
                        rule: key.rule, evidence: shown, identities: members.map { sorted[$0].id },
                        reason: "shared by \(sorted[first].label) and \(sorted[second].label) in \(workspace): a shared address or profile, not one person"))
                continue
            }
            for position in members.dropFirst() { join(members[0], position, key.rule, shown) }
        }

        // Accounts in id order, so each person's list comes out sorted and people come out
        // ordered by their first account, with no map or sort.
        var groupOfRoot = [Int](repeating: -1, count: sorted.count)
        var result: [[Int64]] = []
        for position in sorted.indices {
            let root = sets.find(position)
            if groupOfRoot[root] < 0 {
                groupOfRoot[root] = result.count
                result.append([sorted[position].id])
            } else {
                result[groupOfRoot[root]].append(sorted[position].id)
            }
        }
        return IdentityResolution(groups: result, links: links, refusals: refusals)
    }

    struct EvidenceKey: Hashable, Comparable {
        var rule: IdentityLink.Rule
        var value: String
        /// Strongest rule first (e-mail, GitHub login, same account), then by value.
        static func < (lhs: Self, rhs: Self) -> Bool {
            (rank(lhs.rule), lhs.value) < (rank(rhs.rule), rhs.value)
        }
        static func rank(_ rule: IdentityLink.Rule) -> Int {
            switch rule {
            case .manual: 0
            case .sameEmail: 1
            case .sameGitHubLogin: 2
            case .sameAccount: 3
            }
        }
    }

    /// Whether `record` has nothing that could make it one person with another account (no
    /// usable e-mail, no GitHub login, no platform-wide id): resolved, it is a person of its own
    /// unless a decision names it.
    public func standsAlone(_ record: IdentityRecord) -> Bool {
        evidence(of: record).isEmpty
    }

    func evidence(of record: IdentityRecord) -> [EvidenceKey] {
        var keys: [EvidenceKey] = []
        if record.otherEmails.isEmpty {
            // Most accounts: one profile address, no set to build.
            if let email = record.email.map(Self.normalizedEmail), isPersonalEmail(email) {
                keys.append(EvidenceKey(rule: .sameEmail, value: email))
            }
        } else {
            var emails = Set(record.otherEmails.map(Self.normalizedEmail))
            if let email = record.email { emails.insert(Self.normalizedEmail(email)) }
            for email in emails.sorted() where isPersonalEmail(email) {
                keys.append(EvidenceKey(rule: .sameEmail, value: email))
            }
        }
        if let login = record.githubLogin?.lowercased(), !login.isEmpty {
            keys.append(EvidenceKey(rule: .sameGitHubLogin, value: login))
        }
        if Self.globalIDPlatforms.contains(record.platform), !record.externalID.hasPrefix("name:") {
            keys.append(EvidenceKey(rule: .sameAccount, value: "\(record.platform.rawValue):\(record.externalID)"))
        }
        return keys
    }

    /// A usable personal address: has a local part and a domain, and is not a role mailbox.
    func isPersonalEmail(_ email: String) -> Bool {
        // On the UTF-8 view: `String.lastIndex(of:)` walks Characters, breaking graphemes.
        let utf8 = email.utf8
        guard let at = utf8.lastIndex(of: UInt8(ascii: "@")), at != utf8.startIndex, utf8.index(after: at) != utf8.endIndex
        else { return false }
        let local = utf8[..<at]
        let end = local.firstIndex(of: UInt8(ascii: "+")) ?? local.endIndex
        return !genericLocalParts.contains(String(decoding: utf8[..<end], as: UTF8.self))
    }

    /// Trimmed of spaces and tabs, lowercased. Addresses that are already so (nearly all) are
    /// returned as they are, without Foundation's bridged trimming.
    static func normalizedEmail(_ email: String) -> String {
        var utf8 = email.utf8[...]
        while let first = utf8.first, first == 0x20 || first == 0x09 { utf8 = utf8.dropFirst() }
        while let last = utf8.last, last == 0x20 || last == 0x09 { utf8 = utf8.dropLast() }
        let needsWork = utf8.count != email.utf8.count || utf8.contains { $0 >= 0x80 || (0x41...0x5A).contains($0) }
        guard needsWork else { return email }
        return email.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// `alice@example.org` → `a…@example.org`: enough to check, not enough to harvest.
    public static func masked(_ email: String) -> String {
        guard let at = email.lastIndex(of: "@"), let first = email.first else { return "…" }
        return "\(first)…\(email[at...])"
    }
}

/// Union-find with "cannot link" pairs: a union that would put a forbidden pair in one set is
/// refused.
struct DisjointSets {
    private var parent: [Int]
    /// Per root: the elements its set must never contain.
    private var forbidden: [Int: Set<Int>] = [:]

    init(count: Int) { parent = Array(0..<count) }

    mutating func find(_ element: Int) -> Int {
        var root = element
        while parent[root] != root { root = parent[root] }
        var current = element
        while parent[current] != root { (current, parent[current]) = (parent[current], root) }
        return root
    }

    mutating func forbid(_ a: Int, _ b: Int) {
        forbidden[find(a), default: []].insert(b)
        forbidden[find(b), default: []].insert(a)
    }

    /// Joins the sets of `a` and `b`; false when they were already one or a forbidden pair would meet.
    mutating func union(_ a: Int, _ b: Int) -> Bool {
        let ra = find(a), rb = find(b)
        guard ra != rb else { return false }
        let fa = forbidden[ra] ?? [], fb = forbidden[rb] ?? []
        if fa.contains(where: { find($0) == rb }) || fb.contains(where: { find($0) == ra }) { return false }
        parent[rb] = ra
        if !fb.isEmpty { forbidden[ra] = fa.union(fb) }
        forbidden[rb] = nil
        return true
    }
}
