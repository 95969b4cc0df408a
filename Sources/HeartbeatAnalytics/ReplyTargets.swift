import HeartbeatCore

/// Whom each reply answers: the author of its thread's root when the root is loaded, else the
/// parent author the platform recorded (Slack's `parent_user_id`), else -1.
enum ReplyTargets {
    /// Parallel to `snapshot.activities`; -1 for anything that is not a reply with a known root author.
    /// A root is any activity that is not a reply and names no thread of its own; a loaded root
    /// without an author gives -1, not the parent author.
    static func rootAuthors(in snapshot: CommunitySnapshot) -> [Int32] {
        let activities = snapshot.activities
        var roots: [Int32] = []
        for (index, activity) in activities.enumerated() where activity.kind != .reply && activity.threadRoot == 0 {
            roots.append(Int32(index))
        }
        let threads = ThreadRoots(activities: activities, spaceCount: snapshot.spaces.count, candidates: roots)
        return activities.map { activity in
            guard activity.kind == .reply else { return -1 }
            guard let root = threads.root(space: activity.space, time: activity.threadRoot) else {
                return activity.parentMember
            }
            return activities[Int(roots[root])].member
        }
    }
}
