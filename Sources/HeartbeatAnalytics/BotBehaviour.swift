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
        var postsByMember = [[Int]](repeating: [], count: members.count)
        var botMessages = 0
        for (index, activity) in snapshot.activities.enumerated() where period.contains(microseconds: activity.time) {
            let isBotPost = activity.kind == .botMessage
                || (activity.kind.isPost && activity.member >= 0 && members[Int(activity.member)].isBot)
            if isBotPost { botMessages += 1 }
            guard activity.kind.isPost || activity.kind == .botMessage, activity.member >= 0 else { continue }
            postsByMember[Int(activity.member)].append(index)
        }

        var bots: [BotAccount] = []
        var botLike: [BotLikeAccount] = []
        var flags = [Bool](repeating: false, count: members.count)
        for (member, posts) in postsByMember.enumerated() {
            let account = members[member]
            if account.isBot {
                guard !posts.isEmpty || !account.isDeleted else { continue }
                let listed = HeartbeatConfig.lists(rules.accounts, [account.handle, account.displayName, account.externalID])
                let evidence = evidence(posts: posts, snapshot: snapshot)
                bots.append(
                    BotAccount(
                        memberID: account.id, name: account.displayName, handle: account.handle, posts: posts.count,
                        reason: listed ? "listed in heartbeat.toml [bots] accounts" : "flagged as a bot by the platform",
                        evidence: evidence.text))
                continue
            }
            guard posts.count >= rules.minMessages else { continue }
            let found = evidence(posts: posts, snapshot: snapshot)
            let repetitive = found.nearIdenticalShare.map { $0 >= rules.nearIdenticalShare } ?? false
            let regular = found.intervalCV.map { $0 < rules.regularIntervalCV } ?? false
            guard repetitive || regular else { continue }
            flags[member] = true
            botLike.append(
                BotLikeAccount(
                    memberID: account.id, name: account.displayName, handle: account.handle, posts: posts.count,
                    nearIdenticalShare: found.nearIdenticalShare, intervalCV: found.intervalCV, evidence: found.text))
        }
        bots.sort { ($0.posts, $1.name) > ($1.posts, $0.name) }
        botLike.sort { ($0.posts, $1.name) > ($1.posts, $0.name) }
        return Result(bots: bots, botMessages: botMessages, botLike: botLike, flags: flags)
    }

    struct Evidence {
        var nearIdenticalShare: Double?
        var intervalCV: Double?
        var text: String
    }

    /// Near-identical share (when texts are loaded) and the regularity of the gaps between posts.
    static func evidence(posts: [Int], snapshot: CommunitySnapshot) -> Evidence {
        var parts: [String] = []
        var share: Double?
        if !snapshot.texts.isEmpty, !posts.isEmpty {
            var counts: [String: Int] = [:]
            for index in posts { counts[TextTerms.nearIdenticalKey(snapshot.texts[index]), default: 0] += 1 }
            let repeated = counts.values.filter { $0 > 1 }.reduce(0, +)
            share = Double(repeated) / Double(posts.count)
            if repeated > 0, let top = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
                let sample = top.key.count > 60 ? String(top.key.prefix(59)) + "…" : top.key
                parts.append("\(repeated) of \(posts.count) posts near-identical (most common ×\(top.value): “\(sample)”)")
            }
        }
        var cv: Double?
        if posts.count >= 3 {
            var gaps: [Double] = []
            for position in 1..<posts.count {
                gaps.append(Double(snapshot.activities[posts[position]].time - snapshot.activities[posts[position - 1]].time) / 1e6)
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
