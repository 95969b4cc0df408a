import HeartbeatCore

/// The people in the store with their whole-history counts: what `heartbeat members` lists.
public enum MemberDirectory {
    public enum Sort: String, Sendable, CaseIterable {
        case posts, replies, reactions, name, firstSeen = "first-seen", lastSeen = "last-seen"
    }

    public struct Entry: Codable, Sendable, Hashable {
        public var memberID: Int64
        public var name: String
        public var handle: String
        public var title: String?
        public var isBot: Bool
        public var isDeleted: Bool
        /// `YYYY-MM-DD` of the first join or activity; `nil` if never seen.
        public var firstSeen: String?
        /// `YYYY-MM-DD` of the last activity; `nil` if never seen.
        public var lastSeen: String?
        /// Messages and replies posted.
        public var posts: Int
        /// Thread replies posted.
        public var replies: Int
        /// Reactions received from other persons.
        public var reactionsReceived: Int
        /// From the platform profile; filled only where the viewer may see it (dashboard admins).
        public var email: String? = nil
    }

    /// Members whose name, handle or title contains `search` (case-insensitive), sorted, at most `limit`.
    public static func list(
        snapshot: CommunitySnapshot, search: String? = nil, includeBots: Bool = false, sort: Sort = .posts,
        limit: Int = 50
    ) -> [Entry] {
        let members = snapshot.members
        var posts = [Int](repeating: 0, count: members.count)
        var replies = [Int](repeating: 0, count: members.count)
        var received = [Int](repeating: 0, count: members.count)
        for activity in snapshot.activities where activity.kind.isPost && activity.member >= 0 {
            posts[Int(activity.member)] += 1
            if activity.kind == .reply { replies[Int(activity.member)] += 1 }
        }
        for reaction in snapshot.reactions {
            let author = snapshot.activities[Int(reaction.activity)].member
            if author >= 0, author != reaction.reactor, snapshot.isPerson(reaction.reactor) {
                received[Int(author)] += 1
            }
        }
        let needle = search?.lowercased()
        var entries: [Entry] = []
        for (index, member) in members.enumerated() {
            if member.isBot && !includeBots { continue }
            if let needle, !needle.isEmpty {
                let haystack = [member.displayName, member.handle, member.title ?? ""].joined(separator: "\u{1}").lowercased()
                guard haystack.contains(needle) else { continue }
            }
            entries.append(
                Entry(
                    memberID: member.id, name: member.displayName, handle: member.handle, title: member.title,
                    isBot: member.isBot, isDeleted: member.isDeleted, firstSeen: member.firstSeen?.isoDay,
                    lastSeen: member.lastSeen?.isoDay, posts: posts[index], replies: replies[index],
                    reactionsReceived: received[index]))
        }
        entries.sort { a, b in
            switch sort {
            case .posts: return (a.posts, b.name, b.memberID) > (b.posts, a.name, a.memberID)
            case .replies: return (a.replies, b.name, b.memberID) > (b.replies, a.name, a.memberID)
            case .reactions: return (a.reactionsReceived, b.name, b.memberID) > (b.reactionsReceived, a.name, a.memberID)
            case .name: return (a.name.lowercased(), a.memberID) < (b.name.lowercased(), b.memberID)
            case .firstSeen: return (a.firstSeen ?? "9999", a.memberID) < (b.firstSeen ?? "9999", b.memberID)
            case .lastSeen: return (a.lastSeen ?? "", a.memberID) > (b.lastSeen ?? "", b.memberID)
            }
        }
        return Array(entries.prefix(max(0, limit)))
    }
}
