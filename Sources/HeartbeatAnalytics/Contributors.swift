import HeartbeatCore

/// The contributor program's figures (`report contributors`). Definitions, quoted in the README:
///
/// - A **contributor** (at a moment) is a member who by then authored a submission, was assigned
///   as editor of one, or held a role.
/// - **Activity** of a contributor is a post or reply in chat, or any change (move, assignment,
///   import) to a submission they author or edit. A contributor is **active in the period** when
///   they had activity in it, and has **gone quiet** when they had none in the `[contributors]
///   quiet_days` (60) days before the as-of moment.
/// - A **new contributor**'s first contribution (first submission authored, first role held)
///   falls in the period.
/// - The **acceptance rate** is accepted ÷ (accepted + declined) over the pitches decided in the
///   period (a withdrawal is not a decision).
/// - **Time in a state** is measured on the stays in that state that ended in the period; a stay
///   ended by a spreadsheet import is left out (the import may skip states).
/// - A submission is **overdue** when it has been in its state longer than the state's service
///   level (`[service_levels] pitched_days = 7`, `in_review_days = 14`, …) at the as-of moment.
///
/// The as-of moment is the period end, or now when that is earlier. `--segment` keeps the members
/// of the segment (and their submissions); `--channel`/`--platform` narrow the chat activity.
public enum Contributors {
    public static func report(
        store: any CommunityStore, request: ReportRequest, config: HeartbeatConfig, now: Timestamp = .now
    ) async throws -> ContributorsReport {
        guard let program = store as? any ContributorStore else {
            throw AnalyticsError("this store does not hold the contributor program.")
        }
        let allSubmissions = try await program.submissions()
        let allEvents = try await program.submissionEvents(of: nil)
        let grants = try await program.roleGrants()
        let versions = try await program.guidelineVersions()
        let acceptances = try await program.guidelineAcceptances()

        // The default period ends after the latest chat activity or program change, whichever is later.
        var range = try await store.activityRange(request.activityQuery)
        let programTimes = allEvents.map(\.at) + grants.map(\.starts.startTimestamp)
        if let first = programTimes.min(), let last = programTimes.max() {
            range = range.map { min($0.lowerBound, first)...max($0.upperBound, last) } ?? first...last
        }
        let period = request.resolvePeriod(activityRange: range)
        var pinned = request
        pinned.since = CivilDate(dayNumber: period.firstDay)
        pinned.until = CivilDate(dayNumber: period.end.dayNumber)
        pinned.wholeHistory = false
        let quietDays = config.contributors.quietDays
        let context = try await ReportContext.load(store: store, request: pinned, config: config, lookBackDays: quietDays)
        let asOf = min(period.end, now)
        let day = Double(Timestamp.microsecondsPerDay)

        // Under --segment, only the segment's members and their submissions.
        let allowed: Set<Int64>? = request.segment == nil ? nil : Set(context.snapshot.members.map(\.id))
        func keep(_ id: Int64) -> Bool { allowed?.contains(id) ?? true }
        let submissions = allSubmissions.filter { keep($0.author.id) }
        let byID = Dictionary(uniqueKeysWithValues: submissions.map { ($0.id, $0) })
        let events = allEvents.filter { byID[$0.submissionID] != nil }
        let eventsBySubmission = Dictionary(grouping: events, by: \.submissionID)

        // Who contributed what, and when first.
        var people: [Int64: MemberRef] = [:]
        var firstContribution: [Int64: Timestamp] = [:]
        func contributed(_ member: MemberRef, at time: Timestamp) {
            guard keep(member.id) else { return }
            people[member.id] = people[member.id] ?? member
            firstContribution[member.id] = min(firstContribution[member.id] ?? time, time)
        }
        for submission in submissions { contributed(submission.author, at: submission.createdAt) }
        for event in events where event.kind == .assigned { if let editor = event.editor { contributed(editor, at: event.at) } }
        for grant in grants { contributed(grant.member, at: grant.starts.startTimestamp) }
        let contributorIDs = Set(firstContribution.filter { $0.value < period.end }.keys)

        // Activity: chat posts, and changes to a contributor's submissions (as author or editor then).
        var lastActivity: [Int64: Timestamp] = [:]
        var activeInPeriod = Set<Int64>()
        func acted(_ id: Int64, at time: Timestamp) {
            guard contributorIDs.contains(id), time < period.end else { return }
            if time < asOf { lastActivity[id] = max(lastActivity[id] ?? time, time) }
            if time >= period.start { activeInPeriod.insert(id) }
        }
        let members = context.snapshot.members
        for member in members where contributorIDs.contains(member.id) {
            // Whole-history last activity, when it lies before the as-of moment (older than the window loaded).
            if let seen = member.lastSeen, seen < asOf { lastActivity[member.id] = max(lastActivity[member.id] ?? seen, seen) }
        }
        for row in context.snapshot.activities where row.kind.isPost && row.member >= 0 {
            acted(members[Int(row.member)].id, at: Timestamp(microseconds: row.time))
        }
        for (id, history) in eventsBySubmission {
            guard let submission = byID[id] else { continue }
            var editor: Int64?
            for event in history {
                if event.kind == .assigned { editor = event.editor?.id }
                acted(submission.author.id, at: event.at)
                if let editor { acted(editor, at: event.at) }
            }
        }

        // Replay each submission's history: stays in states, decisions, publications, state at as-of.
        var stayDays: [SubmissionState: [Double]] = [:]
        var entered: [SubmissionState: Int] = [:]
        var atEnd: [SubmissionState: Int] = [:]
        var decisions = 0, accepted = 0, pitched = 0
        var pitchToPublished: [Double] = []
        var overdue: [ContributorsReport.Overdue] = []
        var openByAuthor: [Int64: Int] = [:]
        let levels = config.serviceLevels.submissionDays
        for submission in submissions {
            let changes = (eventsBySubmission[submission.id] ?? []).filter { $0.kind != .assigned && $0.to != nil }
            var state: SubmissionState?
            var since = submission.createdAt
            var editorAtEnd: String?
            for event in eventsBySubmission[submission.id] ?? [] where event.kind == .assigned && event.at < asOf {
                editorAtEnd = event.editor?.label
            }
            var published = false
            for event in changes {
                guard let to = event.to else { continue }
                let inPeriod = period.contains(event.at)
                if let from = state, inPeriod, event.kind != .imported {
                    stayDays[from, default: []].append(Double(event.at.microseconds - since.microseconds) / day)
                }
                if inPeriod {
                    entered[to, default: 0] += 1
                    if event.kind == .created { pitched += 1 }
                    if (state ?? .pitched) == .pitched && event.kind != .created {
                        if to == .declined {
                            decisions += 1
                        } else if to != .withdrawn && to != .pitched {
                            decisions += 1
                            accepted += 1
                        }
                    }
                }
                if to.isPublished && !published {
                    published = true
                    if inPeriod { pitchToPublished.append(Double(event.at.microseconds - submission.createdAt.microseconds) / day) }
                }
                if event.at < asOf {
                    state = to
                    since = event.at
                }
            }
            guard let current = state else { continue }
            atEnd[current, default: 0] += 1
            if current.isOpen { openByAuthor[submission.author.id, default: 0] += 1 }
            if let limit = levels[current], !current.isFinal {
                let days = Double(asOf.microseconds - since.microseconds) / day
                if days > Double(limit) {
                    overdue.append(
                        ContributorsReport.Overdue(
                            submissionID: submission.id, title: submission.title, state: current,
                            author: submission.author.label, editor: editorAtEnd, daysInState: days,
                            serviceLevelDays: limit, overdueDays: days - Double(limit)))
                }
            }
        }
        overdue.sort { ($0.overdueDays, $1.submissionID) > ($1.overdueDays, $0.submissionID) }

        // Roles.
        let firstDay = period.firstDay, endDay = period.end.dayNumber, asOfDay = asOf.dayNumber
        var rolesHeld: [Int64: [String]] = [:]
        for grant in grants where keep(grant.member.id) && grant.overlaps(fromDay: asOfDay, toDay: asOfDay + 1) {
            rolesHeld[grant.member.id, default: []].append(grant.role)
        }
        let roleNames = config.contributors.allRoles + Set(grants.map(\.role)).subtracting(config.contributors.allRoles).sorted()
        let roles = roleNames.map { role in
            let ofRole = grants.filter { $0.role == role && keep($0.member.id) }
            let holders = Set(ofRole.filter { $0.overlaps(fromDay: firstDay, toDay: endDay) }.map(\.member.id))
            return ContributorsReport.RoleRow(
                role: role, holders: holders.count, active: holders.intersection(activeInPeriod).count,
                granted: ofRole.filter { $0.starts.dayNumber >= firstDay && $0.starts.dayNumber < endDay }.count,
                ended: ofRole.filter { ($0.ends?.dayNumber).map { $0 >= firstDay && $0 < endDay } ?? false }.count)
        }

        func person(_ id: Int64) -> ContributorsReport.Person {
            let member = people[id] ?? MemberRef(id: id, name: "member #\(id)")
            return ContributorsReport.Person(
                memberID: id, name: member.name, handle: member.handle, roles: (rolesHeld[id] ?? []).sorted())
        }
        func byName(_ a: ContributorsReport.Person, _ b: ContributorsReport.Person) -> Bool {
            (a.name.lowercased(), a.memberID) < (b.name.lowercased(), b.memberID)
        }
        let newContributors = contributorIDs.filter { period.contains(firstContribution[$0]!) }.map(person).sorted(by: byName)

        let quietSince = asOf.microseconds - Int64(quietDays) * Timestamp.microsecondsPerDay
        var quiet: [ContributorsReport.Quiet] = []
        for id in contributorIDs where (lastActivity[id]?.microseconds ?? .min) < quietSince {
            let info = person(id)
            let last = lastActivity[id]
            var silent: Int?
            if let last { silent = Int((asOf.microseconds - last.microseconds) / Timestamp.microsecondsPerDay) }
            quiet.append(
                ContributorsReport.Quiet(
                    memberID: id, name: info.name, handle: info.handle, roles: info.roles,
                    openSubmissions: openByAuthor[id] ?? 0, lastActivity: last?.isoDay, daysSilent: silent))
        }
        // Longest silence first (unknown last activity first of all), then by name.
        quiet.sort { a, b in
            let (x, y) = (a.daysSilent ?? .max, b.daysSilent ?? .max)
            return x != y ? x > y : a.name.lowercased() < b.name.lowercased()
        }

        // Guidelines: the newest version published by the as-of day.
        let current = versions.last { $0.published.dayNumber <= asOfDay }
        var acceptedCurrent = Set<Int64>()
        if let current {
            for acceptance in acceptances where acceptance.version == current.version && acceptance.at < asOf {
                acceptedCurrent.insert(acceptance.member.id)
            }
        }
        let activeContributors = activeInPeriod.intersection(contributorIDs)
        let notAccepted = current == nil ? [] : activeContributors.subtracting(acceptedCurrent).map(person).sorted(by: byName)

        let states = SubmissionState.allCases.map { state in
            ContributorsReport.StateRow(
                state: state, serviceLevelDays: levels[state], atPeriodEnd: atEnd[state] ?? 0, entered: entered[state] ?? 0,
                staysEnded: stayDays[state]?.count ?? 0, medianDays: Percentile.median(stayDays[state] ?? []))
        }
        let summary = ContributorsReport.Summary(
            contributors: contributorIDs.count, activeContributors: activeContributors.count,
            newContributors: newContributors.count, quietContributors: quiet.count,
            openSubmissions: SubmissionState.allCases.filter(\.isOpen).reduce(0) { $0 + (atEnd[$1] ?? 0) },
            pitched: pitched, published: pitchToPublished.count, decisions: decisions, accepted: accepted,
            acceptanceRate: decisions == 0 ? nil : Double(accepted) / Double(decisions),
            pitchToPublishedMedianDays: Percentile.median(pitchToPublished),
            pitchToPublishedP90Days: Percentile.percentile(90, of: pitchToPublished), overdue: overdue.count)
        return ContributorsReport(
            scope: context.scope, asOf: asOf.isoDateTime, quietDays: quietDays, summary: summary, states: states,
            overdue: overdue, roles: roles, newContributors: newContributors, quiet: quiet,
            guidelines: ContributorsReport.Guidelines(
                current: current?.version, published: current?.published.description,
                acceptedByActive: activeContributors.intersection(acceptedCurrent).count, notAccepted: notAccepted))
    }
}
