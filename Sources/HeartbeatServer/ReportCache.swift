/// Built reports by view (report name and filters), kept until the next import: reports over a
/// large store take a second or more to compute and do not change between imports. Concurrent
/// requests for the same view share one computation. Least recently used views go first.
actor ReportCache<Value: Sendable> {
    private var generation: Int64 = .min
    private var entries: [String: Task<Value, any Error>] = [:]
    private var recency: [String] = []
    let capacity: Int

    init(capacity: Int = 64) { self.capacity = capacity }

    func value(key: String, generation: Int64, make: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if generation != self.generation {
            entries.removeAll()
            recency.removeAll()
            self.generation = generation
        }
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
            entries[key] = nil
            recency.removeAll { $0 == key }
            throw error
        }
    }
}
