extension CommunitySnapshot {
    /// The community as if only the members with `keep[index] == true` existed: their accounts,
    /// their activities, their reactions and mentions of each other. A segment report is the
    /// ordinary report on this snapshot, so every figure keeps its definition (a question asked by
    /// a segment member and answered only by someone outside the segment is unanswered there).
    public func restricted(toMembers keep: [Bool]) -> CommunitySnapshot {
        var newIndex = [Int32](repeating: -1, count: members.count)
        var keptMembers: [Member] = []
        for (index, member) in members.enumerated() where keep[index] {
            newIndex[index] = Int32(keptMembers.count)
            keptMembers.append(member)
        }
        var activityIndex = [Int32](repeating: -1, count: activities.count)
        var keptActivities: [ActivityRow] = []
        var keptTexts: [String] = []
        for (index, activity) in activities.enumerated() where activity.member >= 0 && keep[Int(activity.member)] {
            var row = activity
            row.member = newIndex[Int(activity.member)]
            row.parentMember = activity.parentMember >= 0 ? newIndex[Int(activity.parentMember)] : -1
            activityIndex[index] = Int32(keptActivities.count)
            keptActivities.append(row)
            if !texts.isEmpty { keptTexts.append(texts[index]) }
        }
        let keptReactions = reactions.compactMap { reaction -> ReactionRow? in
            let activity = activityIndex[Int(reaction.activity)]
            guard activity >= 0, reaction.reactor >= 0, keep[Int(reaction.reactor)] else { return nil }
            return ReactionRow(activity: activity, reactor: newIndex[Int(reaction.reactor)])
        }
        let keptMentions = mentions.compactMap { mention -> MentionRow? in
            let activity = activityIndex[Int(mention.activity)]
            guard activity >= 0, keep[Int(mention.member)] else { return nil }
            return MentionRow(activity: activity, member: newIndex[Int(mention.member)])
        }
        var restricted = CommunitySnapshot(
            members: keptMembers, spaces: spaces, activities: keptActivities, reactions: keptReactions, query: query,
            latestActivity: latestActivity)
        restricted.mentions = keptMentions
        restricted.texts = keptTexts
        return restricted
    }
}
