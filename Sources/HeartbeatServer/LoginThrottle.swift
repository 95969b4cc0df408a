import HeartbeatCore
import HeartbeatStore

/// Slows password guessing: after 5 failed sign-ins within 15 minutes from one address, or for
/// one account name, further attempts are refused (429 with Retry-After) until the oldest failure
/// is 15 minutes old. A successful sign-in clears the account's count.
actor LoginThrottle {
    let limit: Int
    let windowMicroseconds: Int64
    private var failures: [String: [Int64]] = [:]

    init(limit: Int = 5, windowSeconds: Int64 = 900) {
        self.limit = limit
        self.windowMicroseconds = windowSeconds * 1_000_000
    }

    /// Seconds to wait before trying again, or nil when the attempt may go ahead.
    func retryAfter(keys: [String], now: Timestamp) -> Int? {
        var wait: Int64?
        for key in keys {
            let recent = (failures[key] ?? []).filter { $0 > now.microseconds - windowMicroseconds }
            failures[key] = recent.isEmpty ? nil : recent
            if recent.count >= limit, let oldest = recent.first {
                let seconds = (oldest + windowMicroseconds - now.microseconds) / 1_000_000 + 1
                wait = max(wait ?? 0, seconds)
            }
        }
        return wait.map { Int($0) }
    }

    func recordFailure(keys: [String], now: Timestamp) {
        for key in keys { failures[key, default: []].append(now.microseconds) }
    }

    func reset(key: String) { failures[key] = nil }
}
