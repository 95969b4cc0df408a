import HeartbeatCore

/// What a report computes on: the snapshot (already narrowed to `--segment` and with the accounts
/// that `heartbeat.toml` names as bots marked), the resolved period, the request and the settings.
public struct ReportContext: Sendable {
    public var snapshot: CommunitySnapshot
    public var period: Period
    public var request: ReportRequest
    public var config: HeartbeatConfig

    public init(snapshot: CommunitySnapshot, period: Period, request: ReportRequest, config: HeartbeatConfig) {
        self.snapshot = snapshot
        self.period = period
        self.request = request
        self.config = config
        Self.markConfiguredBots(in: &self.snapshot, config: config)
    }

    /// Loads what a report needs. `lookBackDays`: days before the period start the report reads
    /// (`nil`: the whole history). `includeText`, `includeMentions`, `includeReactionHistory`: load
    /// those too (each costs time on a large store, so only the reports that use them ask).
    public static func load(
        store: any CommunityStore, request: ReportRequest, config: HeartbeatConfig, lookBackDays: Int?,
        includeText: Bool = false, includeMentions: Bool = false, includeReactionHistory: Bool = false
    ) async throws -> ReportContext {
        try await load(
            store: store, request: request, config: config, lookBack: { _ in lookBackDays }, includeText: includeText,
            includeMentions: includeMentions, includeReactionHistory: includeReactionHistory)
    }

    /// The same, for reports whose look-back depends on the period (the previous period of the same
    /// length, a window reaching before a short period): `lookBack` gets the resolved period.
    public static func load(
        store: any CommunityStore, request: ReportRequest, config: HeartbeatConfig, lookBack: (Period) -> Int?,
        includeText: Bool = false, includeMentions: Bool = false, includeReactionHistory: Bool = false
    ) async throws -> ReportContext {
        let range = try await store.activityRange(request.activityQuery)
        let period = request.resolvePeriod(activityRange: range)
        let lookBackDays = lookBack(period)
        var query = request.activityQuery
        query.since = lookBackDays.map { Timestamp.startOfDay(period.firstDay - Int64($0)) }
        query.includeText = includeText
        query.includeMentions = includeMentions
        query.includeReactionHistory = includeReactionHistory
        let snapshot = try await store.snapshot(query)
        var context = ReportContext(snapshot: snapshot, period: period, request: request, config: config)
        if let name = request.segment {
            let members = try await Segments.memberIDs(inSegment: name, store: store, config: config)
            let keep = context.snapshot.members.map { members.contains($0.id) }
            context.snapshot = context.snapshot.restricted(toMembers: keep)
        }
        return context
    }

    /// Accounts listed under `[bots] accounts` count as bots everywhere.
    static func markConfiguredBots(in snapshot: inout CommunitySnapshot, config: HeartbeatConfig) {
        guard !config.bots.accounts.isEmpty else { return }
        for index in snapshot.members.indices {
            let member = snapshot.members[index]
            if HeartbeatConfig.lists(config.bots.accounts, [member.handle, member.displayName, member.externalID]) {
                snapshot.members[index].isBot = true
            }
        }
    }

    /// Whether a member counts among the members at the period end, as the engagement report's
    /// "members at period end" defines it: a non-deleted person first seen before the end, or never
    /// seen at all (listed only) when no channel filter is set.
    public func isMemberAtPeriodEnd(_ member: CommunitySnapshot.Member) -> Bool {
        guard member.isMember else { return false }
        guard let firstSeen = member.firstSeen else { return request.spaces.isEmpty }
        return firstSeen < period.end
    }

    /// The scope line every report prints.
    public var scope: ReportScope {
        ReportScope(
            since: period.start.isoDay, until: period.lastIncludedDay.description, days: period.dayCount,
            channels: request.spaces, platform: request.platform?.rawValue, segment: request.segment)
    }
}
