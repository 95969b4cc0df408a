import HeartbeatCore

/// Team responsiveness: does the community answer itself, or does the team carry it?
///
/// Definitions (quoted in the README):
/// - **Team**: the members listed under `team` in heartbeat.toml (handle, display name or id);
///   when none are listed, the workspace's admins and owners.
/// - **Community questions**: questions (as in the engagement report) asked in the period by
///   persons outside the team. Each is *answered by the team* or *by the community* according to who
///   gave the first reply by another person, or *unanswered*. Questions asked by the team are
///   counted apart.
/// - **First response** median and 90th percentile for each group; **within target**: the share of
///   community questions whose first reply came within `[service_levels] first_response_hours`
///   (24 h), overall and for the team's first replies.
/// - **Who answers first**: team members and community members by the number of community
///   questions they answered first, with their median time.
public enum Responsiveness {
    public static func report(store: any CommunityStore, request: ReportRequest, config: HeartbeatConfig) async throws -> ResponsivenessReport {
        let context = try await ReportContext.load(store: store, request: request, config: config, lookBackDays: 0)
        return report(context: context)
    }

    /// Member indexes of the team: listed in the settings, else admins and owners.
    public static func team(in snapshot: CommunitySnapshot, config: HeartbeatConfig) -> (members: [Bool], source: TeamSource) {
        if !config.team.isEmpty {
            let flags = snapshot.members.map {
                HeartbeatConfig.lists(config.team, [$0.handle, $0.displayName, $0.externalID])
            }
            return (flags, .settings)
        }
        return (snapshot.members.map { $0.isAdmin && !$0.isBot }, .admins)
    }

    public static func report(context: ReportContext) -> ResponsivenessReport {
        let snapshot = context.snapshot
        let (isTeam, source) = team(in: snapshot, config: context.config)
        let targetSeconds = context.config.serviceLevels.firstResponseHours * 3600
        let outcomes = FirstResponse.outcomes(in: snapshot, period: context.period)
            .filter { snapshot.activities[$0.root].isQuestion }

        var teamQuestions = 0
        var teamTimes: [Double] = []
        var communityTimes: [Double] = []
        var unanswered = 0
        var timesByResponder: [Int32: [Double]] = [:]
        for outcome in outcomes {
            let asker = Int(snapshot.activities[outcome.root].member)
            if isTeam[asker] {
                teamQuestions += 1
                continue
            }
            guard let seconds = outcome.firstResponseSeconds else {
                unanswered += 1
                continue
            }
            if isTeam[Int(outcome.responder)] { teamTimes.append(seconds) } else { communityTimes.append(seconds) }
            timesByResponder[outcome.responder, default: []].append(seconds)
        }
        let questions = teamTimes.count + communityTimes.count + unanswered
        func share(_ part: Int) -> Double { questions > 0 ? Double(part) / Double(questions) : 0 }
        func group(_ times: [Double]) -> ResponderGroup {
            ResponderGroup(
                questions: times.count, share: share(times.count), firstResponseMedianSeconds: Percentile.median(times),
                firstResponseP90Seconds: Percentile.percentile(90, of: times),
                withinTarget: times.filter { $0 <= targetSeconds }.count)
        }
        func responders(team wanted: Bool) -> [Responder] {
            timesByResponder.filter { isTeam[Int($0.key)] == wanted }
                .map { member, times in
                    let account = snapshot.members[Int(member)]
                    return Responder(
                        memberID: account.id, name: account.displayName, handle: account.handle,
                        firstAnswers: times.count, firstResponseMedianSeconds: Percentile.median(times) ?? 0)
                }
                .sorted { ($0.firstAnswers, $1.name.lowercased(), $1.memberID) > ($1.firstAnswers, $0.name.lowercased(), $0.memberID) }
        }
        let allTimes = teamTimes + communityTimes
        return ResponsivenessReport(
            scope: context.scope, teamSource: source,
            team: snapshot.members.indices.filter { isTeam[$0] }.map { snapshot.members[$0].displayName }.sorted(),
            targetHours: context.config.serviceLevels.firstResponseHours,
            communityQuestions: questions, teamQuestions: teamQuestions, unanswered: unanswered,
            unansweredShare: share(unanswered), byTeam: group(teamTimes), byCommunity: group(communityTimes),
            withinTargetShare: share(allTimes.filter { $0 <= targetSeconds }.count),
            teamResponders: Array(responders(team: true).prefix(context.request.top)),
            communityResponders: Array(responders(team: false).prefix(context.request.top)))
    }
}
