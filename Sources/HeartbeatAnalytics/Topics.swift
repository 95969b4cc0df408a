import Foundation
import HeartbeatCore

/// Natural interests: what the community talks about, what is rising or falling, and which
/// subjects leave questions unanswered.
///
/// Definitions (quoted in the README):
/// - **Terms** are the words and two-word phrases of `TextTerms` (Slack markup, code and stop
///   words removed) in persons' posts (messages and replies) of the period.
/// - **Score** = TF-IDF over the period: `tf` (occurrences in the period) × `idf`, with
///   `idf = ln((1 + posts) ÷ (1 + posts containing the term)) + 1`. Only terms found in at least
///   two posts are ranked; ties break alphabetically, so the output is deterministic.
/// - **Rising / falling**: the share of posts containing the term in the period against the
///   previous period of the same length; the change is in percentage points. Rising terms are in at
///   least 3 posts now, falling terms were in at least 3 before.
/// - **Per channel**: the same score with the channel's occurrences as `tf`.
/// - **Questions by topic**: each question (a top-level post that looks like a question, as in the
///   engagement report) belongs to its highest-scoring term; topics are sorted by unanswered
///   questions.
public enum Topics {
    public static let minimumPosts = 2
    public static let minimumTrendPosts = 3
    public static let termsPerChannel = 5

    public static func report(store: any CommunityStore, request: ReportRequest, config: HeartbeatConfig) async throws -> TopicsReport {
        // Read the previous period of the same length too, for rising and falling terms.
        let context = try await ReportContext.load(
            store: store, request: request, config: config, lookBack: { $0.dayCount }, includeText: true)
        return report(context: context)
    }

    public static func report(context: ReportContext) -> TopicsReport {
        let snapshot = context.snapshot
        let period = context.period
        let previous = Period(
            start: .startOfDay(period.firstDay - Int64(period.dayCount)), end: period.start)

        // Tokenize in chunks on all cores, then merge the chunks' vocabularies.
        var eligible: [Int] = []
        for (index, activity) in snapshot.activities.enumerated()
        where activity.kind.isPost && snapshot.isPerson(activity.member) && index < snapshot.texts.count
            && (period.contains(microseconds: activity.time) || previous.contains(microseconds: activity.time))
        {
            eligible.append(index)
        }
        let chunkSize = max(5_000, eligible.count / 16 + 1)
        let chunks = stride(from: 0, to: eligible.count, by: chunkSize).map { Array(eligible[$0..<min(eligible.count, $0 + chunkSize)]) }
        let counted = ParallelMap.map(chunks) { TermCounts(posts: $0, snapshot: snapshot, now: period) }

        var ids: [String: Int32] = [:]
        var names: [String] = []
        var occurrences: [Int] = []
        var postsNow: [Int] = []
        var postsBefore: [Int] = []
        var byChannel = [[Int32: Int]](repeating: [:], count: snapshot.spaces.count)
        var postCountNow = 0
        var postCountBefore = 0
        var termsOfActivity: [Int: [Int32]] = [:]  // questions only
        for chunk in counted {
            let global = chunk.names.map { term -> Int32 in
                if let known = ids[term] { return known }
                let id = Int32(names.count)
                ids[term] = id
                names.append(term)
                occurrences.append(0)
                postsNow.append(0)
                postsBefore.append(0)
                return id
            }
            for (local, id) in global.enumerated() {
                occurrences[Int(id)] += chunk.occurrences[local]
                postsNow[Int(id)] += chunk.postsNow[local]
                postsBefore[Int(id)] += chunk.postsBefore[local]
            }
            for (key, count) in chunk.byChannel {
                byChannel[Int(key >> 32)][global[Int(key & 0xFFFF_FFFF)], default: 0] += count
            }
            for (activity, terms) in chunk.questionTerms { termsOfActivity[activity] = terms.map { global[Int($0)] } }
            postCountNow += chunk.postCountNow
            postCountBefore += chunk.postCountBefore
        }

        let idf = postsNow.map { log((1 + Double(postCountNow)) / (1 + Double($0))) + 1 }
        let score = occurrences.indices.map { Double(occurrences[$0]) * idf[$0] }
        func byScore(_ lhs: Int, _ rhs: Int) -> Bool { (score[lhs], names[rhs]) > (score[rhs], names[lhs]) }
        let rankable = names.indices.filter { postsNow[$0] >= minimumPosts }
        let top = rankable.sorted(by: byScore).prefix(context.request.top * 2)
        func share(_ posts: Int, _ total: Int) -> Double { total > 0 ? Double(posts) / Double(total) : 0 }
        func trend(_ id: Int) -> TopicTrend {
            let now = share(postsNow[id], postCountNow)
            let before = share(postsBefore[id], postCountBefore)
            return TopicTrend(
                term: names[id], postsNow: postsNow[id], postsBefore: postsBefore[id], shareNow: now, shareBefore: before,
                changePoints: (now - before) * 100)
        }
        let rising = names.indices.filter { postsNow[$0] >= minimumTrendPosts }.map(trend)
            .filter { $0.changePoints > 0 }
            .sorted { ($0.changePoints, $1.term) > ($1.changePoints, $0.term) }
        let falling = names.indices.filter { postsBefore[$0] >= minimumTrendPosts }.map(trend)
            .filter { $0.changePoints < 0 }
            .sorted { ($0.changePoints, $0.term) < ($1.changePoints, $1.term) }

        var channels: [ChannelTopics] = []
        for (space, counts) in byChannel.enumerated() where !counts.isEmpty {
            let terms = counts.filter { postsNow[Int($0.key)] >= minimumPosts }
                .map { (id: Int($0.key), score: Double($0.value) * idf[Int($0.key)]) }
                .sorted { ($0.score, names[$1.id]) > ($1.score, names[$0.id]) }
                .prefix(termsPerChannel)
            guard !terms.isEmpty else { continue }
            channels.append(ChannelTopics(channel: snapshot.spaces[space].name, terms: terms.map { names[$0.id] }))
        }
        channels.sort { $0.channel < $1.channel }

        // Questions by their best term.
        let outcomes = FirstResponse.outcomes(in: snapshot, period: period)
        var groups: [String: (questions: Int, unanswered: Int)] = [:]
        for outcome in outcomes where snapshot.activities[outcome.root].isQuestion {
            let terms = termsOfActivity[outcome.root] ?? []
            let best = terms.filter { postsNow[Int($0)] >= minimumPosts }.map(Int.init).min { byScore($0, $1) }
            let topic = best.map { names[$0] } ?? "(no recurring term)"
            groups[topic, default: (0, 0)].questions += 1
            if outcome.firstResponseSeconds == nil { groups[topic, default: (0, 0)].unanswered += 1 }
        }
        let questions = groups.map {
            QuestionTopic(topic: $0.key, questions: $0.value.questions, unanswered: $0.value.unanswered)
        }.sorted { ($0.unanswered, $0.questions, $1.topic) > ($1.unanswered, $1.questions, $0.topic) }

        return TopicsReport(
            scope: context.scope, posts: postCountNow, previousPosts: postCountBefore,
            previousPeriod: "\(previous.start.isoDay) to \(previous.lastIncludedDay)",
            topTerms: top.map {
                TopicTerm(term: names[$0], score: score[$0], occurrences: occurrences[$0], posts: postsNow[$0], isPhrase: names[$0].contains(" "))
            },
            rising: Array(rising.prefix(context.request.top)), falling: Array(falling.prefix(context.request.top)),
            channels: channels, questionsByTopic: Array(questions.prefix(context.request.top * 2)))
    }
}

/// Term counts of one chunk of posts, with its own vocabulary (merged by `Topics`).
private struct TermCounts: Sendable {
    var names: [String] = []
    var occurrences: [Int] = []
    var postsNow: [Int] = []
    var postsBefore: [Int] = []
    /// `space << 32 | local term id` → occurrences in the period.
    var byChannel: [Int64: Int] = [:]
    /// Questions of the period (activity index) with their distinct local term ids.
    var questionTerms: [(Int, [Int32])] = []
    var postCountNow = 0
    var postCountBefore = 0

    init(posts: [Int], snapshot: CommunitySnapshot, now period: Period) {
        var ids: [String: Int32] = [:]
        var distinct = Set<Int32>()
        for index in posts {
            let activity = snapshot.activities[index]
            let now = period.contains(microseconds: activity.time)
            distinct.removeAll(keepingCapacity: true)
            for term in TextTerms.terms(in: snapshot.texts[index]) {
                let id: Int32
                if let known = ids[term] {
                    id = known
                } else {
                    id = Int32(names.count)
                    ids[term] = id
                    names.append(term)
                    occurrences.append(0)
                    postsNow.append(0)
                    postsBefore.append(0)
                }
                if now {
                    occurrences[Int(id)] += 1
                    byChannel[Int64(activity.space) << 32 | Int64(id), default: 0] += 1
                }
                distinct.insert(id)
            }
            if now {
                postCountNow += 1
                for id in distinct { postsNow[Int(id)] += 1 }
                if activity.kind.isTopLevelPost && activity.isQuestion { questionTerms.append((index, Array(distinct))) }
            } else {
                postCountBefore += 1
                for id in distinct { postsBefore[Int(id)] += 1 }
            }
        }
    }
}
