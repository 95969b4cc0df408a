import Foundation

/// Consecutive ranges of activity ids, lowest first, handed to whichever scan asks next. The
/// loader's two scans each take a range, scan it and come back for another, so they finish
/// together whatever else shares the cores. Split into two fixed halves, the scan that started
/// second (its thread busy with the reaction read or the directory) ran alone at the end while the
/// other core idled: 40-80 ms of a 1M-message report (`perf` samples per thread in 20 ms bins).
final class ActivityChunks: @unchecked Sendable {
    private let lock = NSLock()
    private var next: Int64
    private let last: Int64
    private let size: Int64
    private var done = false

    /// `ids` in `count` ranges of about equal length (fewer when there are fewer ids).
    init(ids: ClosedRange<Int64>, count: Int) {
        next = ids.lowerBound
        last = ids.upperBound
        let span = ids.upperBound.subtractingReportingOverflow(ids.lowerBound)
        let length = span.overflow ? Int64.max : span.partialValue / Int64(max(1, count)) + 1
        size = max(1, length)
    }

    /// The next range, or `nil` when every id was handed out.
    func take() -> ClosedRange<Int64>? {
        lock.lock()
        defer { lock.unlock() }
        guard !done else { return nil }
        let start = next
        let (end, overflow) = start.addingReportingOverflow(size - 1)
        let upper = overflow || end >= last ? last : end
        if upper == last { done = true } else { next = upper + 1 }
        return start...upper
    }
}
