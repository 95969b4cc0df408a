/// A value per store row id, looked up by id in a hot loop: a plain array indexed by `id - lowest`
/// when the ids are dense (SQLite gives each new row the largest id plus one, so they are, apart
/// from the holes re-imports leave), a dictionary for ids beyond that. Replaces `[Int64: Int32]`
/// maps that cost a SipHash per lookup, millions of times per report.
struct RowIDTable<Value: Sendable>: Sendable {
    /// Returned for ids never set.
    let missing: Value
    private let lowest: Int64
    private var dense: [Value]
    private var sparse: [Int64: Value] = [:]

    /// `ids`: the range the ids fall in (others still work, from the dictionary); `count`: about
    /// how many will be set. The array covers the range only when it is at most 4 × `count` long
    /// (plus slack), so a few huge ids cannot make it huge.
    init(ids: ClosedRange<Int64>?, count: Int, missing: Value) {
        self.missing = missing
        let lowest = ids?.lowerBound ?? 0
        let span = ids.map { $0.upperBound.subtractingReportingOverflow($0.lowerBound) }
        let length: Int
        if let span, !span.overflow, span.partialValue < Int64(count) * 4 + 4096 {
            length = Int(span.partialValue) + 1
        } else {
            length = 4 * count + 4096
        }
        self.lowest = lowest
        self.dense = [Value](repeating: missing, count: length)
    }

    subscript(id: Int64) -> Value {
        get {
            let (offset, overflow) = id.subtractingReportingOverflow(lowest)
            if !overflow, offset >= 0, offset < Int64(dense.count) { return dense[Int(offset)] }
            return sparse[id] ?? missing
        }
        set {
            let (offset, overflow) = id.subtractingReportingOverflow(lowest)
            if !overflow, offset >= 0, offset < Int64(dense.count) {
                dense[Int(offset)] = newValue
            } else {
                sparse[id] = newValue
            }
        }
    }
}
