import HeartbeatCore

/// The interaction graph of a period and its PageRank (definitions in `Influence`): who replied
/// to, mentioned or reacted to whom, summed into weighted edges between persons.
struct InteractionGraph: Sendable {
    /// One reply, mention or reaction from one person to another.
    struct Interaction {
        var source: Int32
        var target: Int32
        var weight: Double
    }

    /// Posts in the period, per member index.
    var posts: [Int]
    /// Member index per node: the persons who posted, reacted or were interacted with, in member
    /// order.
    var nodes: [Int]
    /// PageRank per node, summing to 1.
    var ranks: [Double]
    var iterations: Int
    var converged: Bool
    /// Distinct persons with an edge to the node.
    var reach: [Int]
    /// Distinct (source, target) pairs.
    var edgeCount: Int
    /// Interactions by kind.
    var replies = 0
    var mentions = 0
    var reactions = 0

    init(snapshot: CommunitySnapshot, period: Period) {
        let members = snapshot.members
        let activities = snapshot.activities

        // Interactions of the period, in order: replies, mentions, reactions.
        var interactions: [Interaction] = []
        var involved = [Bool](repeating: false, count: members.count)
        var replies = 0
        var mentions = 0
        var reactions = 0
        let isPersonFlags = members.map { !$0.isBot }
        func isPerson(_ member: Int32) -> Bool { member >= 0 && isPersonFlags[Int(member)] }
        func add(_ source: Int32, _ target: Int32, _ weight: Double) -> Bool {
            guard isPerson(source), isPerson(target), source != target else { return false }
            interactions.append(Interaction(source: source, target: target, weight: weight))
            return true
        }
        let rootAuthors = ReplyTargets.rootAuthors(in: snapshot)
        var posts = [Int](repeating: 0, count: members.count)
        for (index, activity) in activities.enumerated() where period.contains(microseconds: activity.time) {
            guard activity.kind.isPost, isPerson(activity.member) else { continue }
            posts[Int(activity.member)] += 1
            involved[Int(activity.member)] = true
            if activity.kind == .reply, add(activity.member, rootAuthors[index], Influence.replyWeight) { replies += 1 }
        }
        for mention in snapshot.mentions {
            let activity = activities[Int(mention.activity)]
            guard activity.kind.isPost, period.contains(microseconds: activity.time) else { continue }
            if add(activity.member, mention.member, Influence.mentionWeight) { mentions += 1 }
        }
        for reaction in snapshot.reactions {
            let activity = activities[Int(reaction.activity)]
            guard activity.kind.isPost, period.contains(microseconds: activity.time) else { continue }
            if isPerson(reaction.reactor) { involved[Int(reaction.reactor)] = true }
            if add(reaction.reactor, activity.member, Influence.reactionWeight) { reactions += 1 }
        }
        let weighted = Self.weightedEdges(interactions, memberCount: members.count)
        interactions = []
        for edge in weighted {
            involved[Int(edge.source)] = true
            involved[Int(edge.target)] = true
        }

        // PageRank over the involved persons (node order is member order, so edges stay sorted).
        let nodes = involved.indices.filter { involved[$0] }
        var nodeOf = [Int](repeating: -1, count: members.count)
        for (node, member) in nodes.enumerated() { nodeOf[member] = node }
        let edges: [(source: Int, target: Int, weight: Double)] = weighted.map {
            (nodeOf[Int($0.source)], nodeOf[Int($0.target)], $0.weight)
        }
        let ranked = Influence.pageRank(nodeCount: nodes.count, edges: edges)
        var reach = [Int](repeating: 0, count: nodes.count)
        for edge in edges { reach[edge.target] += 1 }

        self.posts = posts
        self.nodes = nodes
        self.ranks = ranked.ranks
        self.iterations = ranked.iterations
        self.converged = ranked.converged
        self.reach = reach
        self.edgeCount = edges.count
        self.replies = replies
        self.mentions = mentions
        self.reactions = reactions
    }

    /// The interactions summed per (source, target), sorted by source, then target: the graph's
    /// edges. Grouped by a counting sort on the source rather than a dictionary keyed by the pair;
    /// each edge's weights are added in the order of `interactions`, as a running total would.
    static func weightedEdges(_ interactions: [Interaction], memberCount: Int) -> [Interaction] {
        var start = [Int](repeating: 0, count: memberCount + 1)
        for interaction in interactions { start[Int(interaction.source) + 1] += 1 }
        for member in 0..<memberCount { start[member + 1] += start[member] }
        var next = start
        // Per source, its interactions' (target, position in `interactions`).
        var bySource = [(target: Int32, position: Int32)](repeating: (0, 0), count: interactions.count)
        for (position, interaction) in interactions.enumerated() {
            bySource[next[Int(interaction.source)]] = (interaction.target, Int32(position))
            next[Int(interaction.source)] += 1
        }
        var edges: [Interaction] = []
        for source in 0..<memberCount where start[source] < start[source + 1] {
            let end = start[source + 1]
            bySource[start[source]..<end].sort { ($0.target, $0.position) < ($1.target, $1.position) }
            var index = start[source]
            while index < end {
                let target = bySource[index].target
                var weight = 0.0
                while index < end, bySource[index].target == target {
                    weight += interactions[Int(bySource[index].position)].weight
                    index += 1
                }
                edges.append(Interaction(source: Int32(source), target: target, weight: weight))
            }
        }
        return edges
    }
}
