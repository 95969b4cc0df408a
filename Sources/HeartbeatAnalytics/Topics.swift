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

        // Tokenize in chunks on all cores, then merge the chunks' vocabularies in order (so each
        // term keeps the spelling of the first post using it).
        let isPerson = snapshot.members.map { !$0.isBot }
        var eligible: [Int] = []
        for (index, activity) in snapshot.activities.enumerated()
        where activity.kind.isPost && activity.member >= 0 && isPerson[Int(activity.member)] && index < snapshot.texts.count
            && (period.contains(microseconds: activity.time) || previous.contains(microseconds: activity.time))
        {
            eligible.append(index)
        }
        let chunkCount = min(max(1, eligible.count / 20_000), 2 * ProcessInfo.processInfo.activeProcessorCount)
        let chunkSize = eligible.count / chunkCount + 1
        let chunks = stride(from: 0, to: eligible.count, by: chunkSize).map { eligible[$0..<min(eligible.count, $0 + chunkSize)] }
        // The questions' outcomes do not depend on the terms: found meanwhile, as one more job.
        let parts = ParallelMap.map([nil] + chunks.map { Optional($0) }) { chunk -> Part in
            guard let chunk else { return .outcomes(FirstResponse.outcomes(in: snapshot, period: period)) }
            return .counts(TermCounts(posts: chunk, snapshot: snapshot, now: period))
        }
        var outcomes: [FirstResponse.Outcome] = []
        var counted: [TermCounts] = []
        for part in parts {
            switch part {
            case .outcomes(let found): outcomes = found
            case .counts(let counts): counted.append(counts)
            }
        }

        var merged = counted.first ?? TermCounts(posts: [], snapshot: snapshot, now: period)
        for index in counted.indices.dropFirst() {
            merged.add(counted[index])
            counted[index] = TermCounts(posts: [], snapshot: snapshot, now: period)
        }
        let vocabulary = merged.vocabulary
        let names = (0..<Int32(vocabulary.count)).map(vocabulary.name(of:))
        let occurrences = merged.occurrences
        let postsNow = merged.postsNow
        let postsBefore = merged.postsBefore
        let postCountNow = merged.postCountNow
        let postCountBefore = merged.postCountBefore
        let byChannel = merged.channelOccurrences.map(\.entries)
        // Questions of the period (activity index) → their distinct term ids.
        var questionSlot = [Int32](repeating: -1, count: snapshot.activities.count)
        for (slot, activity) in merged.questionActivities.enumerated() { questionSlot[Int(activity)] = Int32(slot) }
        func termsOfQuestion(_ activity: Int) -> ArraySlice<Int32> {
            let slot = Int(questionSlot[activity])
            guard slot >= 0 else { return [] }
            return merged.questionTerms[Int(merged.questionTermStart[slot])..<Int(merged.questionTermStart[slot + 1])]
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
            let terms = counts.filter { postsNow[Int($0.id)] >= minimumPosts }
                .map { (id: Int($0.id), score: Double($0.count) * idf[Int($0.id)]) }
                .sorted { ($0.score, names[$1.id]) > ($1.score, names[$0.id]) }
                .prefix(termsPerChannel)
            guard !terms.isEmpty else { continue }
            channels.append(ChannelTopics(channel: snapshot.spaces[space].name, terms: terms.map { names[$0.id] }))
        }
        channels.sort { $0.channel < $1.channel }

        // Questions by their best term.
        // Grouped by term id (distinct terms have distinct names), the last slot for no term.
        var groups = [(questions: Int, unanswered: Int)](repeating: (0, 0), count: names.count + 1)
        for outcome in outcomes where snapshot.activities[outcome.root].isQuestion {
            var best = names.count
            for term in termsOfQuestion(outcome.root) where postsNow[Int(term)] >= minimumPosts {
                if best == names.count || byScore(Int(term), best) { best = Int(term) }
            }
            groups[best].questions += 1
            if outcome.firstResponseSeconds == nil { groups[best].unanswered += 1 }
        }
        let questions = groups.indices.filter { groups[$0].questions > 0 }.map {
            QuestionTopic(
                topic: $0 < names.count ? names[$0] : "(no recurring term)", questions: groups[$0].questions,
                unanswered: groups[$0].unanswered)
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

/// One job of the parallel part of `Topics.report`.
private enum Part: Sendable {
    case outcomes([FirstResponse.Outcome])
    case counts(TermCounts)
}

/// Term counts of one chunk of posts, with its own vocabulary (merged by `Topics`).
private struct TermCounts: Sendable {
    var vocabulary = TermVocabulary()
    /// Per term id: occurrences in the period, posts containing it in the period and before.
    var occurrences: [Int] = []
    var postsNow: [Int] = []
    var postsBefore: [Int] = []
    /// Per space index: occurrences in the period per term id.
    var channelOccurrences: [SparseCounts]
    /// Questions of the period (activity index), in order, with their distinct term ids:
    /// `questionTerms[questionTermStart[q]..<questionTermStart[q + 1]]`.
    var questionActivities: [Int32] = []
    var questionTermStart: [Int32] = [0]
    var questionTerms: [Int32] = []
    var postCountNow = 0
    var postCountBefore = 0

    init(posts: ArraySlice<Int>, snapshot: CommunitySnapshot, now period: Period) {
        channelOccurrences = [SparseCounts](repeating: SparseCounts(), count: snapshot.spaces.count)
        var ids: [Int32] = []
        // The last post (position in `posts`) each term was counted in: distinct terms per post.
        var lastPost: [Int] = []
        for (position, index) in posts.enumerated() {
            let activity = snapshot.activities[index]
            let now = period.contains(microseconds: activity.time)
            let isQuestion = now && activity.kind.isTopLevelPost && activity.isQuestion
            ids.removeAll(keepingCapacity: true)
            vocabulary.intern(termsOf: snapshot.texts[index], into: &ids)
            if vocabulary.count > occurrences.count {
                let added = vocabulary.count - occurrences.count
                occurrences.append(contentsOf: repeatElement(0, count: added))
                postsNow.append(contentsOf: repeatElement(0, count: added))
                postsBefore.append(contentsOf: repeatElement(0, count: added))
                lastPost.append(contentsOf: repeatElement(-1, count: added))
            }
            for id in ids {
                if now {
                    occurrences[Int(id)] += 1
                    channelOccurrences[Int(activity.space)].add(id)
                }
                guard lastPost[Int(id)] != position else { continue }
                lastPost[Int(id)] = position
                if now { postsNow[Int(id)] += 1 } else { postsBefore[Int(id)] += 1 }
                if isQuestion { questionTerms.append(id) }
            }
            if now { postCountNow += 1 } else { postCountBefore += 1 }
            if isQuestion {
                questionActivities.append(Int32(index))
                questionTermStart.append(Int32(questionTerms.count))
            }
        }
    }

    /// Adds the counts of the chunk that follows this one.
    mutating func add(_ other: TermCounts) {
        let ids = vocabulary.merge(other.vocabulary)
        let added = vocabulary.count - occurrences.count
        occurrences.append(contentsOf: repeatElement(0, count: added))
        postsNow.append(contentsOf: repeatElement(0, count: added))
        postsBefore.append(contentsOf: repeatElement(0, count: added))
        for (local, id) in ids.enumerated() {
            occurrences[Int(id)] += other.occurrences[local]
            postsNow[Int(id)] += other.postsNow[local]
            postsBefore[Int(id)] += other.postsBefore[local]
        }
        for (space, counts) in other.channelOccurrences.enumerated() {
            for (local, count) in counts.entries { channelOccurrences[space].add(ids[Int(local)], count) }
        }
        for (question, activity) in other.questionActivities.enumerated() {
            let terms = other.questionTerms[Int(other.questionTermStart[question])..<Int(other.questionTermStart[question + 1])]
            questionActivities.append(activity)
            questionTerms.append(contentsOf: terms.map { ids[Int($0)] })
            questionTermStart.append(Int32(questionTerms.count))
        }
        postCountNow += other.postCountNow
        postCountBefore += other.postCountBefore
    }
}
