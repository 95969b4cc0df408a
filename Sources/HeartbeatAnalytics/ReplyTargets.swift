import HeartbeatCore

/// Whom each reply answers: the author of its thread's root when the root is loaded, else the
/// parent author the platform recorded (Slack's `parent_user_id`), else -1.
enum ReplyTargets {
    /// Parallel to `snapshot.activities`; -1 for anything that is not a reply with a known root author.
    static func rootAuthors(in snapshot: CommunitySnapshot) -> [Int32] {
        let activities = snapshot.activities
        var authorByThread: [FirstResponse.ThreadKey: Int32] = [:]
        for activity in activities where activity.kind != .reply && activity.threadRoot == 0 {
            authorByThread[FirstResponse.ThreadKey(space: activity.space, rootTime: activity.time)] = activity.member
        }
        return activities.map { activity in
            guard activity.kind == .reply else { return -1 }
            return authorByThread[FirstResponse.ThreadKey(space: activity.space, rootTime: activity.threadRoot)]
                ?? activity.parentMember
        }
    }
}
