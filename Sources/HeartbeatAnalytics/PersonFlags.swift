import HeartbeatCore

/// `CommunitySnapshot.isPerson` for every member index at once, for loops over every activity or
/// reaction: one flag per member in a plain array, instead of a whole member record (names, time
/// zone, times) pulled into the cache on every call.
struct PersonFlags {
    private let flags: [Bool]

    init(_ snapshot: CommunitySnapshot) {
        flags = snapshot.members.map { !$0.isBot }
    }

    /// Whether `member` names a person: not -1 (no author), not a bot.
    @inline(__always) func callAsFunction(_ member: Int32) -> Bool { member >= 0 && flags[Int(member)] }
}
