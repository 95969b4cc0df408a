/// Order statistics used by every time figure.
public enum Percentile {
    /// The median: the middle value, or the mean of the two middle values for an even count
    /// (the same as Python's `statistics.median` and DuckDB's `median`). `nil` for no values.
    public static func median(_ values: [Double]) -> Double? { percentile(50, of: values) }

    /// The `p`-th percentile (0…100) with linear interpolation between closest ranks (NumPy's
    /// default): position `(n - 1) * p / 100` in the sorted values. `nil` for no values.
    public static func percentile(_ p: Double, of values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let position = Double(sorted.count - 1) * min(max(p, 0), 100) / 100
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let weight = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * weight
    }
}

extension Percentile {
    /// Each value's percentile rank among `values`, from 0 (lowest) to 1 (highest), ties sharing
    /// the middle of their ranks: (values below + (equal values − 1) ÷ 2) ÷ (count − 1). A single
    /// value ranks 1.
    static func ranks(_ values: [Double]) -> [Double] {
        guard values.count > 1 else { return values.map { _ in 1 } }
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = (Double(start) + Double(end - start) / 2) / Double(values.count - 1)
            for position in start...end { ranks[order[position]] = rank }
            start = end + 1
        }
        return ranks
    }
}
