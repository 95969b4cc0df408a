import HeartbeatCore

/// Event figures (`report events`). Definitions, quoted in the README:
///
/// - **Registered**: people on an event's attendance list (a walk-in counts too); **attended**:
///   marked attended, or with a join time or a duration. **Attendance rate** = attended ÷ registered.
/// - A **repeat attendee** of an event attended an earlier event too; in the summary, a person who
///   attended two or more events in the period.
/// - **NPS** = % promoters (9–10) − % detractors (0–6) of the answers with a 0–10 score, from −100
///   to 100. **Average rating** over the answers with a 1–5 rating.
/// - **Attendee to member**: attendees are matched to community members by e-mail (an address
///   two members share matches neither). A matched attendee is **not yet active** with no post
///   or reply before the event start; they **became active** when they posted within
///   `[events] follow_up_days` (30) after it. A **first-time poster** is a member whose first post
///   ever came within those days after an event they attended, credited to the latest such event.
///
/// `--channel` keeps the events with that tag; `--segment` keeps the attendees who are members
/// of the segment; `--platform` other than events gives an empty report.
public enum EventAnalytics {
    public static func report(
        store: any CommunityStore, request: ReportRequest, config: HeartbeatConfig
    ) async throws -> EventsReport {
        guard let eventStore = store as? any EventStore, let content = store as? any ContentStore else {
            throw AnalyticsError("this store does not hold events.")
        }
        let events = try await eventStore.events()
        let attendees = try await eventStore.attendees()
        let feedback = try await eventStore.feedback()
        let emails = try await content.memberIDsByEmail()
        let snapshot = try await store.snapshot(ActivityQuery())
        var segmentMembers: Set<Int64>? = nil
        if let name = request.segment {
            segmentMembers = try await Segments.memberIDs(inSegment: name, store: store, config: config)
        }
        let range = events.isEmpty ? nil : events.map(\.startsAt).min()!...events.map(\.startsAt).max()!
        let period = request.resolvePeriod(activityRange: range)
        return compute(
            events: events, attendees: attendees, feedback: feedback, memberIDsByEmail: emails, snapshot: snapshot,
            period: period, request: request, config: config, segmentMembers: segmentMembers)
    }

    public static func compute(
        events allEvents: [CommunityEvent], attendees allAttendees: [EventAttendee], feedback: [EventFeedback],
        memberIDsByEmail: [String: Int64], snapshot: CommunitySnapshot, period: Period, request: ReportRequest,
        config: HeartbeatConfig, segmentMembers: Set<Int64>?
    ) -> EventsReport {
        let tagFilter = Set(request.spaces.map { $0.lowercased() })
        let platformMatches = request.platform == nil || request.platform == .events
        let events = allEvents.filter { event in
            platformMatches && period.contains(event.startsAt) && (tagFilter.isEmpty || !tagFilter.isDisjoint(with: event.tags))
        }
        let eventByID = Dictionary(uniqueKeysWithValues: allEvents.map { ($0.id, $0) })
        func member(_ attendee: EventAttendee) -> Int64? { attendee.email.flatMap { memberIDsByEmail[$0] } }
        let attendees = allAttendees.filter { attendee in
            guard let segmentMembers else { return true }
            return member(attendee).map(segmentMembers.contains) ?? false
        }
        let byEvent = Dictionary(grouping: attendees, by: \.eventID)
        let answersByEvent = Dictionary(grouping: feedback, by: \.eventID)

        // Posts per member, in time order, for "posted before / after".
        var memberIndex: [Int64: Int] = [:]
        for (index, member) in snapshot.members.enumerated() { memberIndex[member.id] = index }
        var posts = [[Int64]](repeating: [], count: snapshot.members.count)
        for activity in snapshot.activities where activity.kind.isPost {
            if activity.member >= 0 { posts[Int(activity.member)].append(activity.time) }
        }
        for index in posts.indices { posts[index].sort() }
        let followUp = Int64(config.events.followUpDays) * Timestamp.microsecondsPerDay

        // Every attended event per person, to find repeat attendance and credit first posts.
        var attendedEvents: [String: [CommunityEvent]] = [:]
        for attendee in allAttendees where attendee.attended {
            if let event = eventByID[attendee.eventID] { attendedEvents[attendee.key, default: []].append(event) }
        }
        for key in attendedEvents.keys { attendedEvents[key]!.sort { ($0.startsAt, $0.id) < ($1.startsAt, $1.id) } }
        // The event a member's first post is credited to: the latest attended one before it, within the follow-up days.
        func creditedEvent(key: String, firstPost: Int64) -> Int64? {
            attendedEvents[key]?.last { $0.startsAt.microseconds <= firstPost && firstPost < $0.startsAt.microseconds + followUp }?.id
        }

        var rows: [EventsReport.Event] = []
        var people: [EventsReport.Attendee] = []
        var summary = EventsReport.Summary(
            events: events.count, registered: 0, attended: 0, attendanceRate: nil, distinctAttendees: 0, repeatAttendees: 0,
            responses: 0, nps: nil, averageRating: nil, matchedMembers: 0, notYetActive: 0, becameActive: 0, firstTimePosters: 0)
        var attendanceCount: [String: Int] = [:]
        var allScores: [Int] = []
        var allRatings: [Int] = []
        var matched = Set<Int64>()
        for event in events {
            let list = byEvent[event.id] ?? []
            let present = list.filter(\.attended)
            let start = event.startsAt.microseconds
            var row = EventsReport.Event(
                id: event.id, title: event.title, startsAt: event.startsAt, host: event.host, tags: event.tags,
                registered: list.count, attended: present.count,
                attendanceRate: list.isEmpty ? nil : Double(present.count) / Double(list.count), repeatAttendees: 0,
                averageMinutes: nil, responses: 0, promoters: 0, passives: 0, detractors: 0, nps: nil, ratings: 0,
                averageRating: nil, commentTerms: [], matchedMembers: 0, notYetActive: 0, becameActive: 0, firstTimePosters: 0)
            let minutes = present.compactMap(\.minutes)
            if !minutes.isEmpty { row.averageMinutes = minutes.reduce(0, +) / Double(minutes.count) }
            for attendee in present {
                attendanceCount[attendee.key, default: 0] += 1
                if attendedEvents[attendee.key]?.contains(where: { ($0.startsAt, $0.id) < (event.startsAt, event.id) }) == true {
                    row.repeatAttendees += 1
                }
                guard let memberID = member(attendee), let index = memberIndex[memberID] else { continue }
                row.matchedMembers += 1
                matched.insert(memberID)
                let times = posts[index]
                let before = times.first.map { $0 < start } ?? false
                let after = times.first { $0 >= start && $0 < start + followUp }
                var status: String
                if before {
                    status = after == nil ? "active before, no post within \(config.events.followUpDays) days" : "active before, posted again"
                } else {
                    row.notYetActive += 1
                    if let after {
                        row.becameActive += 1
                        status = "first post \((after - start) / Timestamp.microsecondsPerDay) days after"
                    } else {
                        status = "not active"
                    }
                }
                if let first = times.first, !before, creditedEvent(key: attendee.key, firstPost: first) == event.id {
                    row.firstTimePosters += 1
                    status += " (first-time poster)"
                }
                let info = snapshot.members[index]
                people.append(
                    EventsReport.Attendee(
                        event: event.title, name: info.displayName, memberID: memberID, handle: info.handle, status: status,
                        firstPostAfter: after.map(Timestamp.init(microseconds:))))
            }
            let answers = answersByEvent[event.id] ?? []
            let answerFilter: (EventFeedback) -> Bool = { answer in
                guard let segmentMembers else { return true }
                return answer.email.flatMap { memberIDsByEmail[$0] }.map(segmentMembers.contains) ?? false
            }
            let kept = answers.filter(answerFilter)
            row.responses = kept.count
            let scores = kept.compactMap(\.score)
            row.promoters = scores.filter { $0 >= 9 }.count
            row.detractors = scores.filter { $0 <= 6 }.count
            row.passives = scores.count - row.promoters - row.detractors
            row.nps = nps(scores)
            let ratings = kept.compactMap(\.rating)
            row.ratings = ratings.count
            row.averageRating = ratings.isEmpty ? nil : Double(ratings.reduce(0, +)) / Double(ratings.count)
            row.commentTerms = topTerms(kept.compactMap(\.comment), limit: 5)
            allScores += scores
            allRatings += ratings
            summary.registered += row.registered
            summary.attended += row.attended
            summary.responses += row.responses
            summary.notYetActive += row.notYetActive
            summary.becameActive += row.becameActive
            summary.firstTimePosters += row.firstTimePosters
            rows.append(row)
        }
        summary.attendanceRate = summary.registered > 0 ? Double(summary.attended) / Double(summary.registered) : nil
        summary.distinctAttendees = attendanceCount.count
        summary.repeatAttendees = attendanceCount.values.filter { $0 >= 2 }.count
        summary.nps = nps(allScores)
        summary.averageRating = allRatings.isEmpty ? nil : Double(allRatings.reduce(0, +)) / Double(allRatings.count)
        summary.matchedMembers = matched.count
        let scope = ReportScope(
            since: period.start.isoDay, until: period.lastIncludedDay.description, days: period.dayCount,
            channels: request.spaces, platform: request.platform?.rawValue, segment: request.segment)
        return EventsReport(
            scope: scope, followUpDays: config.events.followUpDays, summary: summary, events: rows, members: people)
    }

    /// % promoters (9–10) − % detractors (0–6); nil without scores.
    public static func nps(_ scores: [Int]) -> Double? {
        guard !scores.isEmpty else { return nil }
        let promoters = scores.filter { $0 >= 9 }.count
        let detractors = scores.filter { $0 <= 6 }.count
        return Double(promoters - detractors) / Double(scores.count) * 100
    }

    /// The most frequent words and phrases of the comments, counted once per comment.
    static func topTerms(_ comments: [String], limit: Int) -> [String] {
        var counts: [String: Int] = [:]
        for comment in comments {
            for term in Set(TextTerms.terms(in: comment)) { counts[term, default: 0] += 1 }
        }
        return counts.filter { $0.value >= 2 || comments.count < 3 }
            .sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(limit).map(\.key)
    }
}
