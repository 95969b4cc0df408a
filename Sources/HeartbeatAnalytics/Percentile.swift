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
