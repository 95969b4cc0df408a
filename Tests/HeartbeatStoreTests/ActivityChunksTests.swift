@testable import HeartbeatStore
import Testing

/// The ranges the loader's scans take in turn: every id once, lowest first, in ranges of about
/// equal length.
@Suite struct ActivityChunksTests {
    static func taken(_ chunks: ActivityChunks) -> [ClosedRange<Int64>] {
        var ranges: [ClosedRange<Int64>] = []
        while let range = chunks.take() { ranges.append(range) }
        return ranges
    }

    @Test func coversEveryIDOnceInOrder() {
        let ranges = Self.taken(ActivityChunks(ids: 1...1_097_317, count: 16))
        #expect(ranges.count == 16)
        #expect(ranges.first?.lowerBound == 1)
        #expect(ranges.last?.upperBound == 1_097_317)
        for (range, next) in zip(ranges, ranges.dropFirst()) { #expect(next.lowerBound == range.upperBound + 1) }
        let lengths = ranges.dropLast().map(\.count)
        #expect(Set(lengths).count == 1)
    }

    @Test func fewerIDsThanRanges() {
        #expect(Self.taken(ActivityChunks(ids: 5...7, count: 16)) == [5...5, 6...6, 7...7])
        #expect(Self.taken(ActivityChunks(ids: 9...9, count: 16)) == [9...9])
    }

    @Test func extremeIDsDoNotOverflow() {
        let ranges = Self.taken(ActivityChunks(ids: Int64.min...Int64.max, count: 4))
        #expect(ranges.first?.lowerBound == .min)
        #expect(ranges.last?.upperBound == .max)
        for (range, next) in zip(ranges, ranges.dropFirst()) { #expect(next.lowerBound == range.upperBound + 1) }
    }

    /// Two scans asking in turn share the ranges between them, nothing twice.
    @Test func twoTakersShareTheRanges() {
        let chunks = ActivityChunks(ids: 1...100, count: 10)
        var first: [ClosedRange<Int64>] = [], second: [ClosedRange<Int64>] = []
        while true {
            guard let a = chunks.take() else { break }
            first.append(a)
            guard let b = chunks.take() else { break }
            second.append(b)
        }
        let all = (first + second).sorted { $0.lowerBound < $1.lowerBound }
        #expect(all.reduce(0) { $0 + $1.count } == 100)
        #expect(first.count == 5 && second.count == 5)
    }
}
