import Foundation
import HeartbeatCore

/// Alignment with the company's focus terms (definition in `Influence`): which posts touch a focus
/// term, weighted by how specific the term is in the period.
enum Alignment {
    struct MemberAlignment: Sendable {
        var alignment = 0.0
        var share = 0.0
    }

    struct Result: Sendable {
        /// Focus terms used in the period, most specific first.
        var terms: [FocusTermFigures]
        /// Per member index.
        var byMember: [MemberAlignment]
    }

    static func compute(focus: [String], snapshot: CommunitySnapshot, period: Period) -> Result {
        let memberCount = snapshot.members.count
        var byMember = [MemberAlignment](repeating: MemberAlignment(), count: memberCount)
        let wanted = TextTerms.normalized(focus)
        guard !wanted.isEmpty, !snapshot.texts.isEmpty else { return Result(terms: [], byMember: byMember) }
        // Only the focus terms are interned; every other word of a post is looked up and skipped.
        var vocabulary = TermVocabulary()
        let termIDs = wanted.map { vocabulary.intern(term: $0) }
        var positionOfTerm = [Int](repeating: -1, count: vocabulary.count)
        for (position, id) in termIDs.enumerated() {
            if let id { positionOfTerm[Int(id)] = position }
        }
        let isPerson = snapshot.members.map { !$0.isBot }

        // Which focus terms each post of the period contains: `foundTerms[foundStart[post]..<foundStart[post + 1]]`.
        var postMembers: [Int32] = []
        var foundStart: [Int32] = [0]
        var foundTerms: [Int32] = []
        var documentFrequency = [Int](repeating: 0, count: wanted.count)
        var lastPost = [Int](repeating: -1, count: wanted.count)
        // Whether member m used focus term t: bit m of row t.
        let rowWords = (memberCount + 63) / 64
        var usedBy = [UInt64](repeating: 0, count: wanted.count * rowWords)
        var ids: [Int32] = []
        for (index, activity) in snapshot.activities.enumerated()
        where activity.kind.isPost && activity.member >= 0 && isPerson[Int(activity.member)]
            && period.contains(microseconds: activity.time)
        {
            let post = postMembers.count
            postMembers.append(activity.member)
            ids.removeAll(keepingCapacity: true)
            vocabulary.knownTerms(of: snapshot.texts[index], into: &ids)
            let firstFound = foundTerms.count
            for id in ids {
                let position = positionOfTerm[Int(id)]
                guard position >= 0, lastPost[position] != post else { continue }
                lastPost[position] = post
                foundTerms.append(Int32(position))
            }
            for position in foundTerms[firstFound...] {
                documentFrequency[Int(position)] += 1
                usedBy[Int(position) * rowWords + Int(activity.member) / 64] |= 1 << (UInt64(activity.member) % 64)
            }
            foundStart.append(Int32(foundTerms.count))
        }
        let postCount = postMembers.count
        let idf = documentFrequency.map { $0 > 0 ? log(1 + Double(postCount) / Double($0)) : 0 }
        let maxIDF = idf.max() ?? 0
        var posts = [Int](repeating: 0, count: memberCount)
        var touching = [Int](repeating: 0, count: memberCount)
        var weightSum = [Double](repeating: 0, count: memberCount)
        for (post, postMember) in postMembers.enumerated() {
            let member = Int(postMember)
            posts[member] += 1
            let found = foundTerms[Int(foundStart[post])..<Int(foundStart[post + 1])]
            guard !found.isEmpty, maxIDF > 0 else { continue }
            touching[member] += 1
            weightSum[member] += found.map { idf[Int($0)] }.max()! / maxIDF
        }
        for member in posts.indices where posts[member] > 0 {
            byMember[member] = MemberAlignment(
                alignment: weightSum[member] / Double(posts[member]), share: Double(touching[member]) / Double(posts[member]))
        }
        let terms = wanted.indices.map { position in
            let members = usedBy[position * rowWords..<(position + 1) * rowWords].reduce(0) { $0 + $1.nonzeroBitCount }
            return FocusTermFigures(term: wanted[position], posts: documentFrequency[position], members: members, idf: idf[position])
        }.sorted { ($0.idf, $1.term) > ($1.idf, $0.term) }
        return Result(terms: terms, byMember: byMember)
    }
}
