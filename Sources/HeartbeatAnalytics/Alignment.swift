import Foundation
import HeartbeatCore

/// Alignment with the company's focus terms (definition in `Influence`): which posts touch a focus
/// term, weighted by how specific the term is in the period.
enum Alignment {
    struct MemberAlignment {
        var alignment = 0.0
        var share = 0.0
    }

    struct Result {
        /// Focus terms used in the period, most specific first.
        var terms: [FocusTermFigures]
        /// Per member index.
        var byMember: [MemberAlignment]
    }

    static func compute(focus: [String], snapshot: CommunitySnapshot, period: Period) -> Result {
        var byMember = [MemberAlignment](repeating: MemberAlignment(), count: snapshot.members.count)
        let wanted = TextTerms.normalized(focus)
        guard !wanted.isEmpty, !snapshot.texts.isEmpty else { return Result(terms: [], byMember: byMember) }
        let termIndex = Dictionary(uniqueKeysWithValues: wanted.enumerated().map { ($1, $0) })

        // Which focus terms each post of the period contains.
        var postCount = 0
        var postTerms: [(member: Int32, terms: [Int])] = []
        var documentFrequency = [Int](repeating: 0, count: wanted.count)
        var authors = [Set<Int32>](repeating: [], count: wanted.count)
        for (index, activity) in snapshot.activities.enumerated()
        where activity.kind.isPost && snapshot.isPerson(activity.member) && period.contains(microseconds: activity.time) {
            postCount += 1
            var found = Set<Int>()
            for term in TextTerms.terms(in: snapshot.texts[index]) {
                if let position = termIndex[term] { found.insert(position) }
            }
            for position in found {
                documentFrequency[position] += 1
                authors[position].insert(activity.member)
            }
            postTerms.append((activity.member, found.sorted()))
        }
        let idf = documentFrequency.map { $0 > 0 ? log(1 + Double(postCount) / Double($0)) : 0 }
        let maxIDF = idf.max() ?? 0
        var posts = [Int](repeating: 0, count: snapshot.members.count)
        var touching = [Int](repeating: 0, count: snapshot.members.count)
        var weightSum = [Double](repeating: 0, count: snapshot.members.count)
        for post in postTerms {
            let member = Int(post.member)
            posts[member] += 1
            guard !post.terms.isEmpty, maxIDF > 0 else { continue }
            touching[member] += 1
            weightSum[member] += post.terms.map { idf[$0] }.max()! / maxIDF
        }
        for member in posts.indices where posts[member] > 0 {
            byMember[member] = MemberAlignment(
                alignment: weightSum[member] / Double(posts[member]), share: Double(touching[member]) / Double(posts[member]))
        }
        let terms = wanted.indices.map {
            FocusTermFigures(term: wanted[$0], posts: documentFrequency[$0], members: authors[$0].count, idf: idf[$0])
        }.sorted { ($0.idf, $1.term) > ($1.idf, $0.term) }
        return Result(terms: terms, byMember: byMember)
    }
}
