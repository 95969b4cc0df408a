extension CommunitySnapshot {
    /// The snapshot as a query with `since = time` would have loaded it: the activities from
    /// `time` on, with their reactions, mentions and texts. Members (and their whole-history
    /// first and last times), spaces and the latest activity are kept, as such a query loads them
    /// too. A report that also needs the whole history (segment membership) loads it once and
    /// narrows it instead of loading twice.
    public func activities(since time: Timestamp) -> CommunitySnapshot {
        // Activities are sorted by time: the kept ones are a suffix, and indexes shift by `first`.
        var low = 0
        var high = activities.count
        while low < high {
            let middle = (low + high) / 2
            if activities[middle].time < time.microseconds { low = middle + 1 } else { high = middle }
        }
        let first = low
        guard first > 0 else { return self }
        var narrowed = CommunitySnapshot(
            members: members, spaces: spaces, activities: Array(activities[first...]),
            reactions: reactions.compactMap { reaction in
                Int(reaction.activity) < first
                    ? nil : ReactionRow(activity: reaction.activity - Int32(first), reactor: reaction.reactor)
            },
            query: query, latestActivity: latestActivity)
        narrowed.query.since = time
        narrowed.mentions = mentions.compactMap { mention in
            Int(mention.activity) < first ? nil : MentionRow(activity: mention.activity - Int32(first), member: mention.member)
        }
        narrowed.texts = texts.isEmpty ? [] : Array(texts[first...])
        return narrowed
    }
}
