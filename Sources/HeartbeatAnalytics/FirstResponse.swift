import HeartbeatCore

/// How fast threads get their first answer, and which questions got none.
///
/// Definitions (quoted in the README): a *root* is a top-level message posted by a person (not a
/// bot) inside the period. Its *first-response time* is the seconds from the root to the earliest
/// thread reply by a different person: replies by bots and by the root's own author do not count,
/// and a reply after the period end still does. An *unanswered question* is a root that looks like
/// a question (`QuestionHeuristic`) and has no such reply.
public enum FirstResponse {
    public struct Outcome: Sendable, Hashable {
        /// Index of the root in `snapshot.activities`.
        public var root: Int
        /// `nil` when no other person replied.
        public var firstResponseSeconds: Double?
        /// Member index of the person who replied first; -1 when none.
        public var responder: Int32 = -1
    }

    /// One outcome per root in the period, in time order.
    public static func outcomes(in snapshot: CommunitySnapshot, period: Period) -> [Outcome] {
        let activities = snapshot.activities
        let isPerson = PersonFlags(snapshot)

        var roots: [Int32] = []
        for (index, activity) in activities.enumerated()
        where activity.kind.isTopLevelPost && isPerson(activity.member) && period.contains(microseconds: activity.time) {
            roots.append(Int32(index))
        }
        guard !roots.isEmpty else { return [] }
        var outcomes = roots.map { Outcome(root: Int($0), firstResponseSeconds: nil) }
        // Outcomes are in root order, so a root's position among the roots is its outcome's slot.
        let threads = ThreadRoots(activities: activities, spaceCount: snapshot.spaces.count, candidates: roots)
        for activity in activities where activity.kind == .reply && activity.threadRoot != 0 {
            guard isPerson(activity.member), let slot = threads.root(space: activity.space, time: activity.threadRoot)
            else { continue }
            let root = activities[outcomes[slot].root]
            guard activity.member != root.member else { continue }
            let seconds = Double(activity.time - root.time) / 1_000_000
            if let current = outcomes[slot].firstResponseSeconds, current <= seconds { continue }
            outcomes[slot].firstResponseSeconds = seconds
            outcomes[slot].responder = activity.member
        }
        return outcomes
    }

    /// The figures over a set of outcomes.
    public static func figures(_ outcomes: [Outcome], in snapshot: CommunitySnapshot) -> ThreadFigures {
        let times = outcomes.compactMap(\.firstResponseSeconds)
        let questions = outcomes.filter { snapshot.activities[$0.root].isQuestion }
        let unanswered = questions.filter { $0.firstResponseSeconds == nil }
        return ThreadFigures(
            roots: outcomes.count, answeredRoots: times.count,
            responseRate: outcomes.isEmpty ? 0 : Double(times.count) / Double(outcomes.count),
            firstResponseMedianSeconds: Percentile.median(times),
            firstResponseP90Seconds: Percentile.percentile(90, of: times),
            questions: questions.count, unansweredQuestions: unanswered.count, unansweredList: [],
            firstResponseDistribution: distribution(times: times, unanswered: outcomes.count - times.count))
    }

    /// Counts of first-response times per `ResponseTimeBucket.limits` range, then `no reply`.
    public static func distribution(times: [Double], unanswered: Int) -> [ResponseTimeBucket] {
        var buckets = ResponseTimeBucket.limits.map { ResponseTimeBucket(label: $0.label, underSeconds: $0.underSeconds, threads: 0) }
        for time in times {
            let index = buckets.firstIndex { $0.underSeconds.map { time < $0 } ?? true } ?? buckets.count - 1
            buckets[index].threads += 1
        }
        buckets.append(ResponseTimeBucket(label: "no reply", underSeconds: nil, threads: unanswered))
        return buckets
    }
}
