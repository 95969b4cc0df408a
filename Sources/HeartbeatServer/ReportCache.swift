/// Built reports by community and view (report name and filters), kept until the community's next
/// import: reports over a large store take a second or more to compute and do not change between
/// imports. Each community has its own generation, so an import into one community leaves the
/// others' reports cached, and a view of one community is never served for another. Concurrent
/// requests for the same view share one computation. Least recently used views go first, whatever
/// their community.
actor ReportCache<Value: Sendable> {
    struct Key: Hashable {
        var community: Int64
        var view: String
    }

    private var generations: [Int64: Int64] = [:]
    private var entries: [Key: Task<Value, any Error>] = [:]
    private var recency: [Key] = []
    let capacity: Int

    init(capacity: Int = 64) { self.capacity = capacity }

    /// The value of `view` in `community` at `generation` (the community store's), made when missing.
    func value(community: Int64, view: String, generation: Int64, make: @escaping @Sendable () async throws -> Value) async throws
        -> Value
    {
        if generations[community] != generation {
            // Something changed in this community: drop its views, and only its views.
            entries = entries.filter { $0.key.community != community }
            recency.removeAll { $0.community == community }
            generations[community] = generation
        }
        let key = Key(community: community, view: view)
        if let task = entries[key] {
            recency.removeAll { $0 == key }
            recency.append(key)
            return try await task.value
        }
        let task = Task { try await make() }
        entries[key] = task
        recency.append(key)
        if recency.count > capacity { entries[recency.removeFirst()] = nil }
        do {
            return try await task.value
        } catch {
            // Errors (a bad channel name) are not cached: the next request tries again.
            if entries[key].map({ $0 == task }) == true {
                entries[key] = nil
                recency.removeAll { $0 == key }
            }
            throw error
        }
    }

    /// How many views are cached (for tests).
    var count: Int { entries.count }
}
