import Foundation
import HeartbeatCore

/// Bots the platform (or heartbeat.toml) names, and persons whose posting looks automated
/// (definitions in `Organic`).
enum BotBehaviour {
    struct Result {
        var bots: [BotAccount]
        /// Posts by bots in the period, attributed or not.
        var botMessages: Int
        var botLike: [BotLikeAccount]
        /// Per member index: bot-like.
        var flags: [Bool]
    }

    static func assess(context: ReportContext) -> Result {
        let snapshot = context.snapshot
        let period = context.period
        let rules = context.config.bots
        let members = snapshot.members
        // Posts (and bot messages) of the period per member, in time order, as one array of
        // activity indexes: member m's are `posts[postStart[m]..<postStart[m + 1]]`.
        var botMessages = 0
        var postStart = [Int](repeating: 0, count: members.count + 1)
        func counts(_ activity: CommunitySnapshot.ActivityRow) -> Bool {
            (activity.kind.isPost || activity.kind == .botMessage) && activity.member >= 0
        }
        for activity in snapshot.activities where period.contains(microseconds: activity.time) {
            let isBotPost = activity.kind == .botMessage
                || (activity.kind.isPost && activity.member >= 0 && members[Int(activity.member)].isBot)
            if isBotPost { botMessages += 1 }
            if counts(activity) { postStart[Int(activity.member) + 1] += 1 }
        }
        for member in members.indices { postStart[member + 1] += postStart[member] }
        var next = postStart
        var posts = [Int32](repeating: 0, count: postStart[members.count])
        for (index, activity) in snapshot.activities.enumerated() where period.contains(microseconds: activity.time) && counts(activity) {
            posts[next[Int(activity.member)]] = Int32(index)
            next[Int(activity.member)] += 1
        }
        let postsByMember = PostsByMember(posts: posts, start: postStart)

        // Members are judged in chunks on all cores (their posts' texts lie scattered over the
        // history, so this waits on memory), and the chunks' findings joined in member order.
        let chunkSize = members.count / 16 + 1
        let chunks = stride(from: 0, to: members.count, by: chunkSize).map { $0..<min(members.count, $0 + chunkSize) }
        let judged = ParallelMap.map(chunks) { chunk in
            judge(chunk, postsByMember: postsByMember, snapshot: snapshot, rules: rules)
        }
        var bots: [BotAccount] = []
        var botLike: [BotLikeAccount] = []
        var flags = [Bool](repeating: false, count: members.count)
        for chunk in judged {
            bots += chunk.bots
            botLike += chunk.botLike
            for member in chunk.botLikeMembers { flags[member] = true }
        }
        bots.sort { ($0.posts, $1.name) > ($1.posts, $0.name) }
        botLike.sort { ($0.posts, $1.name) > ($1.posts, $0.name) }
        return Result(bots: bots, botMessages: botMessages, botLike: botLike, flags: flags)
    }

    /// Each member's posts of the period: `posts[start[m]..<start[m + 1]]` for member index m.
    struct PostsByMember: Sendable {
        var posts: [Int32]
        var start: [Int]
    }

    /// What one chunk of members showed.
    struct Judged: Sendable {
        var bots: [BotAccount] = []
        var botLike: [BotLikeAccount] = []
        /// Member indexes of `botLike`.
        var botLikeMembers: [Int] = []
    }

    static func judge(
        _ chunk: Range<Int>, postsByMember: PostsByMember, snapshot: CommunitySnapshot, rules: HeartbeatConfig.BotRules
    ) -> Judged {
        var judged = Judged()
        var keys = NearIdenticalKeys()
        for member in chunk {
            let posts = postsByMember.posts[postsByMember.start[member]..<postsByMember.start[member + 1]]
            let account = snapshot.members[member]
            if account.isBot {
                guard !posts.isEmpty || !account.isDeleted else { continue }
                let listed = HeartbeatConfig.lists(rules.accounts, [account.handle, account.displayName, account.externalID])
                let evidence = evidence(posts: posts, snapshot: snapshot, keys: &keys)
                judged.bots.append(
                    BotAccount(
                        memberID: account.id, name: account.displayName, handle: account.handle, posts: posts.count,
                        reason: listed ? "listed in heartbeat.toml [bots] accounts" : "flagged as a bot by the platform",
                        evidence: evidence.text))
                continue
            }
            guard posts.count >= rules.minMessages else { continue }
            let found = evidence(posts: posts, snapshot: snapshot, keys: &keys)
            let repetitive = found.nearIdenticalShare.map { $0 >= rules.nearIdenticalShare } ?? false
            let regular = found.intervalCV.map { $0 < rules.regularIntervalCV } ?? false
            guard repetitive || regular else { continue }
            judged.botLikeMembers.append(member)
            judged.botLike.append(
                BotLikeAccount(
                    memberID: account.id, name: account.displayName, handle: account.handle, posts: posts.count,
                    nearIdenticalShare: found.nearIdenticalShare, intervalCV: found.intervalCV, evidence: found.text))
        }
        return judged
    }

    struct Evidence {
        var nearIdenticalShare: Double?
        var intervalCV: Double?
        var text: String
    }

    /// Near-identical share (when texts are loaded) and the regularity of the gaps between posts.
    /// `keys` is reused from member to member (its table and buffer).
    static func evidence(posts: ArraySlice<Int32>, snapshot: CommunitySnapshot, keys: inout NearIdenticalKeys) -> Evidence {
        var parts: [String] = []
        var share: Double?
        if !snapshot.texts.isEmpty, !posts.isEmpty {
            let counts = keys.count(posts.lazy.map { snapshot.texts[Int($0)] })
            let repeated = counts.repeated
            share = Double(repeated) / Double(posts.count)
            if repeated > 0, let top = counts.mostCommon {
                let sample = top.key.count > 60 ? String(top.key.prefix(59)) + "…" : top.key
                parts.append("\(repeated) of \(posts.count) posts near-identical (most common ×\(top.count): “\(sample)”)")
            }
        }
        var cv: Double?
        if posts.count >= 3 {
            var gaps: [Double] = []
            for position in posts.indices.dropFirst() {
                let gap = snapshot.activities[Int(posts[position])].time - snapshot.activities[Int(posts[position - 1])].time
                gaps.append(Double(gap) / 1e6)
            }
            let mean = gaps.reduce(0, +) / Double(gaps.count)
            if mean > 0 {
                let variance = gaps.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(gaps.count)
                cv = variance.squareRoot() / mean
                parts.append(
                    "a post every \(DurationText.short(mean)) on average, interval CV " + String(format: "%.2f", cv!))
            }
        }
        return Evidence(nearIdenticalShare: share, intervalCV: cv, text: parts.joined(separator: "; "))
    }
}
