import Foundation
import HeartbeatCore

/// Pairs of people, not joined, whose names suggest they may be one person: for a human to decide
/// with `identities merge` or leave apart (`identities list --unmerged-similar`). Names never join
/// anyone automatically: two Alexes are common, one Alex on two platforms is a guess.
public enum IdentityCandidates {
    public struct Candidate: Sendable, Hashable, Codable {
        public var memberA: Int64
        public var memberB: Int64
        /// A label per side: `Alice Admin (slack:alice, discord:alice)`.
        public var labelA: String
        public var labelB: String
        public var reason: String
        /// 3 same name, 2 same handle, 1 similar: the order they are listed in.
        public var strength: Int
    }

    public static func similar(_ records: [IdentityRecord], decisions: [IdentityDecision]) -> [Candidate] {
        var byMember: [Int64: [IdentityRecord]] = [:]
        for record in records where !record.isBot && !record.externalID.isEmpty { byMember[record.memberID, default: []].append(record) }
        var split = Set<[Int64]>()
        for decision in decisions where decision.kind == .split { split.insert([decision.identityA, decision.identityB]) }
        var memberByIdentity: [Int64: Int64] = [:]
        for record in records { memberByIdentity[record.id] = record.memberID }
        var keptApart = Set<[Int64]>()
        for pair in split {
            if let a = memberByIdentity[pair[0]], let b = memberByIdentity[pair[1]] { keptApart.insert([min(a, b), max(a, b)]) }
        }

        struct Key { var member: Int64; var text: String; var isName: Bool }
        var keys: [Key] = []
        for (member, accounts) in byMember {
            var seen = Set<String>()
            for account in accounts {
                for (raw, isName) in [(account.displayName, true), (account.realName ?? "", true), (account.handle, false)] {
                    let text = normalized(raw)
                    // A placeholder account's name is its raw id (`U123`): no evidence of anything.
                    guard text.count >= 4, raw != account.externalID, seen.insert(text + (isName ? "n" : "h")).inserted
                    else { continue }
                    keys.append(Key(member: member, text: text, isName: isName))
                }
            }
        }
        var buckets: [String: [Int]] = [:]
        for (index, key) in keys.enumerated() { buckets[String(key.text.prefix(3)), default: []].append(index) }
        var best: [[Int64]: (strength: Int, reason: String)] = [:]
        for indexes in buckets.values {
            for i in indexes.indices {
                for j in indexes.indices where j > i {
                    let a = keys[indexes[i]], b = keys[indexes[j]]
                    guard a.member != b.member else { continue }
                    let pair = [min(a.member, b.member), max(a.member, b.member)]
                    guard !keptApart.contains(pair) else { continue }
                    var found: (Int, String)?
                    if a.text == b.text {
                        found = a.isName && b.isName ? (3, "same name") : (2, "same handle or name")
                    } else if isNearlyEqual(a.text, b.text) {
                        found = (1, "similar names (\(a.text) ~ \(b.text))")
                    }
                    guard let (strength, reason) = found else { continue }
                    if (best[pair]?.strength ?? 0) < strength { best[pair] = (strength, reason) }
                }
            }
        }
        func label(_ member: Int64) -> String {
            let accounts = byMember[member] ?? []
            let name = accounts.first?.displayName ?? "#\(member)"
            return "#\(member) \(name) (" + accounts.map(\.label).joined(separator: ", ") + ")"
        }
        return best.map { pair, value in
            Candidate(
                memberA: pair[0], memberB: pair[1], labelA: label(pair[0]), labelB: label(pair[1]), reason: value.reason,
                strength: value.strength)
        }.sorted { ($0.strength, $1.memberA, $1.memberB) > ($1.strength, $0.memberA, $0.memberB) }
    }

    /// Lowercase letters and digits only, accents folded: `Zoë O'Brien` → `zoeobrien`.
    static func normalized(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) && $0.isASCII }.map(Character.init))
    }

    /// One edit apart (length ≥ 6), or one is the other plus a short suffix such as `gh`, `dev`, `42`
    /// (`alice` and `alicegh`).
    static func isNearlyEqual(_ a: String, _ b: String) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        if short.count >= 4, long.hasPrefix(short), long.count - short.count <= 3 { return true }
        guard short.count >= 6, long.count - short.count <= 1 else { return false }
        return editDistance(Array(a.utf8), Array(b.utf8), limit: 1) <= 1
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            if current.min()! > limit { return limit + 1 }
            previous = current
        }
        return previous[b.count]
    }
}
