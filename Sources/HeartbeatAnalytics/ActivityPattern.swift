import Foundation
import HeartbeatCore

/// When the community is awake and active: hour-of-week heatmaps, and the best two-hour slot for a
/// live event.
///
/// Definitions (quoted in the README; awake hours under `[activity]`, default 08:00–22:00):
/// - **Heatmap**: persons' posts of the period by weekday and hour, in UTC and in each poster's own
///   local time (the profile's time zone; its UTC offset is taken once per poster per day, so a
///   post on the night of a daylight-saving change may shift by an hour). Posts by members without
///   a time zone are left out of the local heatmap and counted.
/// - **Available** in a slot (a weekday and two consecutive UTC hours): an active poster of the
///   period who posted in one of those two hours of the day on some day, posted on that weekday at
///   some hour, and — when their time zone is known — is awake (local time within the awake hours)
///   through both hours.
/// - **Suggested slot**: the slot with the most available members; ties go to the slot with more
///   posts, then the earlier one (Monday 00:00 UTC first).
public enum ActivityPattern {
    public static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    public static func report(store: any CommunityStore, request: ReportRequest, config: HeartbeatConfig) async throws -> ActivityReport {
        let context = try await ReportContext.load(store: store, request: request, config: config, lookBackDays: 0)
        return report(context: context)
    }

    public static func report(context: ReportContext) -> ActivityReport {
        let snapshot = context.snapshot
        let period = context.period
        let awake = context.config.activity
        let members = snapshot.members

        // Time zones, interned; the offset cached per (zone, day).
        var zoneIndex: [String: Int] = [:]
        var zones: [TimeZone?] = []
        let memberZone: [Int] = members.map { member in
            guard let name = member.timeZone, !name.isEmpty else { return -1 }
            if let known = zoneIndex[name] { return known }
            zoneIndex[name] = zones.count
            zones.append(TimeZone(identifier: name))
            return zones.count - 1
        }
        var offsetCache: [Int64: Int] = [:]
        func offsetSeconds(zone: Int, microseconds: Int64) -> Int? {
            guard zone >= 0, let timeZone = zones[zone] else { return nil }
            let day = Timestamp(microseconds: microseconds).dayNumber
            let key = Int64(zone) << 32 | (day & 0xFFFF_FFFF)
            if let cached = offsetCache[key] { return cached }
            let offset = timeZone.secondsFromGMT(for: Timestamp(microseconds: microseconds).date)
            offsetCache[key] = offset
            return offset
        }
        func hourOfWeek(_ microseconds: Int64) -> Int {
            let day = Timestamp(microseconds: microseconds).dayNumber
            let hour = Int((microseconds - Timestamp.startOfDay(day).microseconds) / 3_600_000_000)
            return CivilDate(dayNumber: day).weekday * 24 + hour
        }

        var utc = [Int](repeating: 0, count: 168)
        var local = [Int](repeating: 0, count: 168)
        var unknownZonePosts = 0
        var posts = 0
        var hoursOfDay = [UInt32](repeating: 0, count: members.count)  // bit per UTC hour of day
        var weekdaysPosted = [UInt8](repeating: 0, count: members.count)  // bit per weekday
        var offsetOfMember = [Int?](repeating: nil, count: members.count)  // latest offset seen
        for activity in snapshot.activities
        where activity.kind.isPost && snapshot.isPerson(activity.member) && period.contains(microseconds: activity.time) {
            let member = Int(activity.member)
            let slot = hourOfWeek(activity.time)
            posts += 1
            utc[slot] += 1
            hoursOfDay[member] |= 1 << UInt32(slot % 24)
            weekdaysPosted[member] |= 1 << UInt8(slot / 24)
            if let offset = offsetSeconds(zone: memberZone[member], microseconds: activity.time) {
                local[hourOfWeek(activity.time + Int64(offset) * 1_000_000)] += 1
                offsetOfMember[member] = offset
            } else {
                unknownZonePosts += 1
            }
        }

        // Slots: weekday × starting UTC hour, two hours long (wrapping into the next day).
        let active = members.indices.filter { hoursOfDay[$0] != 0 }
        var slots: [EventSlot] = []
        for start in 0..<168 {
            let next = (start + 1) % 168
            let hours = [start % 24, next % 24]
            var available = 0
            for member in active {
                guard hoursOfDay[member] & (1 << UInt32(hours[0]) | 1 << UInt32(hours[1])) != 0,
                    weekdaysPosted[member] & (1 << UInt8(start / 24)) != 0
                else { continue }
                if let offset = offsetOfMember[member] {
                    let awakeBoth = hours.allSatisfy { hour in
                        let localHour = ((hour * 3600 + offset) % 86_400 + 86_400) % 86_400 / 3600
                        return localHour >= awake.awakeFrom && localHour < awake.awakeUntil
                    }
                    guard awakeBoth else { continue }
                }
                available += 1
            }
            slots.append(
                EventSlot(
                    weekday: weekdays[start / 24], startHourUTC: start % 24, availableMembers: available,
                    share: active.isEmpty ? 0 : Double(available) / Double(active.count), posts: utc[start] + utc[next]))
        }
        let ranked = slots.indices.sorted {
            (slots[$0].availableMembers, slots[$0].posts, -$0) > (slots[$1].availableMembers, slots[$1].posts, -$1)
        }
        func rows(_ counts: [Int]) -> [HeatmapRow] {
            (0..<7).map { HeatmapRow(weekday: weekdays[$0], hours: Array(counts[($0 * 24)..<($0 * 24 + 24)])) }
        }
        return ActivityReport(
            scope: context.scope, posts: posts, activeMembers: active.count,
            membersWithTimeZone: active.filter { offsetOfMember[$0] != nil }.count, postsWithoutTimeZone: unknownZonePosts,
            awakeFrom: awake.awakeFrom, awakeUntil: awake.awakeUntil,
            suggestedSlot: active.isEmpty ? nil : slots[ranked[0]],
            topSlots: ranked.prefix(5).map { slots[$0] }.filter { $0.availableMembers > 0 },
            utc: rows(utc), local: rows(local))
    }
}
