import Foundation

/// The pieces the activity ids are read in, lowest first, handed to whichever scan asks next: the
/// stored packs of `activity_columns` (`ActivityColumns`), each whole, and the ids between them
/// (all of them in a store without packs, or when the query wants texts) as ranges of the table.
/// The loader's two scans each take a piece, read it and come back for another, so they finish
/// together whatever else shares the cores. Split into two fixed halves, the scan that started
/// second (its thread busy with the reaction read or the directory) ran alone at the end while the
/// other core idled: 40-80 ms of a 1M-message report (`perf` samples per thread in 20 ms bins).
final class ActivityChunks: @unchecked Sendable {
    /// Consecutive ids to read, from a stored pack or from the `activity` table.
    struct Piece: Equatable, Sendable {
        var ids: ClosedRange<Int64>
        var packed: Bool
    }

    private let lock = NSLock()
    private let pieces: [Piece]
    private var next = 0

    /// `ids` (the lowest to the highest activity id) as the `packs` within it (id ranges, lowest
    /// first, not overlapping), and the ids between them in table ranges of at most about
    /// 1/`count` of `ids`.
    init(ids: ClosedRange<Int64>, count: Int, packs: [ClosedRange<Int64>] = []) {
        let span = ids.upperBound.subtractingReportingOverflow(ids.lowerBound)
        let length = span.overflow ? Int64.max : span.partialValue / Int64(max(1, count)) + 1
        let size = max(1, length)
        var pieces: [Piece] = []
        /// Table ranges of `size` ids covering `gap`.
        func addTable(_ gap: ClosedRange<Int64>) {
            var start = gap.lowerBound
            while true {
                let (end, overflow) = start.addingReportingOverflow(size - 1)
                let upper = overflow || end >= gap.upperBound ? gap.upperBound : end
                pieces.append(Piece(ids: start...upper, packed: false))
                if upper == gap.upperBound { break }
                start = upper + 1
            }
        }
        var start: Int64? = ids.lowerBound  // the first id not yet covered; nil past Int64.max
        for pack in packs {
            if let from = start, from < pack.lowerBound, from <= ids.upperBound { addTable(from...min(pack.lowerBound - 1, ids.upperBound)) }
            pieces.append(Piece(ids: pack, packed: true))
            start = pack.upperBound == .max ? nil : max(start ?? .max, pack.upperBound + 1)
        }
        if let from = start, from <= ids.upperBound { addTable(from...ids.upperBound) }
        self.pieces = pieces
    }

    /// The next piece, or `nil` when every one was handed out.
    func take() -> Piece? {
        lock.lock()
        defer { lock.unlock() }
        guard next < pieces.count else { return nil }
        next += 1
        return pieces[next - 1]
    }
}
