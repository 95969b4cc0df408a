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

    /// A name shared by more people than this is too common to suggest anything (`admin`, `john`).
    static let maxShared = 8

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
        // Indexes instead of comparing every pair (50,000 accounts would be over a billion pairs):
        // equal texts share a key; a short suffix is found by cutting it off; one edit apart share a
        // one-deletion variant (or one is the other's variant).
        var best: [[Int64]: (strength: Int, reason: String)] = [:]
        func consider(_ a: Key, _ b: Key, _ strength: Int, _ reason: String) {
            guard a.member != b.member else { return }
            let pair = [min(a.member, b.member), max(a.member, b.member)]
            guard !keptApart.contains(pair), (best[pair]?.strength ?? 0) < strength else { return }
            best[pair] = (strength, reason)
        }
        var exact: [String: [Int]] = [:]
        for (index, key) in keys.enumerated() { exact[key.text, default: []].append(index) }
        for indexes in exact.values where indexes.count > 1 && indexes.count <= maxShared {
            for i in indexes.indices {
                for j in indexes.indices where j > i {
                    let a = keys[indexes[i]], b = keys[indexes[j]]
                    consider(a, b, a.isName && b.isName ? 3 : 2, a.isName && b.isName ? "same name" : "same handle or name")
                }
            }
        }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        var deletions: [String: [(key: Int, position: Int)]] = [:]
        for (index, key) in keys.enumerated() {
            let bytes = Array(key.text.utf8)
            // A short suffix (`alice` and `alicegh`), unless the shorter ends in a digit (`member1`, `member12`).
            for cut in 1...3 where bytes.count - cut >= 4 {
                let short = bytes[..<(bytes.count - cut)]
                guard let last = short.last, !isDigit(last), let matches = exact[String(decoding: short, as: UTF8.self)],
                    matches.count <= maxShared
                else { continue }
                for other in matches { consider(key, keys[other], 1, "similar names (\(keys[other].text) ~ \(key.text))") }
            }
            guard bytes.count >= 6 else { continue }
            for position in bytes.indices {
                var variant = bytes
                variant.remove(at: position)
                let text = String(decoding: variant, as: UTF8.self)
                deletions[text, default: []].append((index, position))
                // One inserted character that is not a digit (`alexandr` and `alexander`).
                if !isDigit(bytes[position]), let matches = exact[text], matches.count <= maxShared {
                    for other in matches { consider(key, keys[other], 1, "similar names (\(keys[other].text) ~ \(key.text))") }
                }
            }
        }
        for entries in deletions.values where entries.count > 1 && entries.count <= maxShared {
            for i in entries.indices {
                for j in entries.indices where j > i && entries[i].position == entries[j].position {
                    let a = keys[entries[i].key], b = keys[entries[j].key]
                    let byteA = Array(a.text.utf8)[entries[i].position], byteB = Array(b.text.utf8)[entries[j].position]
                    // One substituted character, not a digit for a digit (`member7`, `member8`).
                    guard byteA != byteB, !(isDigit(byteA) && isDigit(byteB)) else { continue }
                    consider(a, b, 1, "similar names (\(a.text) ~ \(b.text))")
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
}
