@testable import HeartbeatStore
import Testing

/// The pieces the loader's scans take in turn: every id once, lowest first, stored packs whole and
/// the ids between them in table ranges of about equal length.
@Suite struct ActivityChunksTests {
    static func taken(_ chunks: ActivityChunks) -> [ClosedRange<Int64>] {
        var ranges: [ClosedRange<Int64>] = []
        while let piece = chunks.take() { ranges.append(piece.ids) }
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
            first.append(a.ids)
            guard let b = chunks.take() else { break }
            second.append(b.ids)
        }
        let all = (first + second).sorted { $0.lowerBound < $1.lowerBound }
        #expect(all.reduce(0) { $0 + $1.count } == 100)
        #expect(first.count == 5 && second.count == 5)
    }

    /// Packs are handed whole, in their place; the ids around and between them are table ranges
    /// no longer than without packs.
    @Test func packsAreWholePiecesAndTheGapsAreTableRanges() {
        let chunks = ActivityChunks(ids: 1...1000, count: 10, packs: [1...150, 400...420, 421...700, 990...1000])
        var pieces: [ActivityChunks.Piece] = []
        while let piece = chunks.take() { pieces.append(piece) }
        #expect(pieces.filter(\.packed).map(\.ids) == [1...150, 400...420, 421...700, 990...1000])
        #expect(pieces.filter { !$0.packed }.map(\.ids) == [151...250, 251...350, 351...399, 701...800, 801...900, 901...989])
        for (piece, next) in zip(pieces, pieces.dropFirst()) { #expect(next.ids.lowerBound == piece.ids.upperBound + 1) }
    }

    /// Packs alone cover everything: no table range is left to read.
    @Test func packsCoveringEveryIDLeaveNoTableRange() {
        let chunks = ActivityChunks(ids: 5...20, count: 16, packs: [5...12, 13...20])
        #expect(Self.taken(chunks) == [5...12, 13...20])
        let last = ActivityChunks(ids: Int64.max - 5...Int64.max, count: 4, packs: [Int64.max - 2...Int64.max])
        var pieces: [ActivityChunks.Piece] = []
        while let piece = last.take() { pieces.append(piece) }
        #expect(pieces == [.init(ids: Int64.max - 5...Int64.max - 4, packed: false), .init(ids: Int64.max - 3...Int64.max - 3, packed: false), .init(ids: Int64.max - 2...Int64.max, packed: true)])
    }
}
