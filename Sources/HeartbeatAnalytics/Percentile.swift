/// Order statistics used by every time figure.
public enum Percentile {
    /// The median: the middle value, or the mean of the two middle values for an even count
    /// (the same as Python's `statistics.median` and DuckDB's `median`). `nil` for no values.
    public static func median(_ values: [Double]) -> Double? { percentile(50, of: values) }

    /// The `p`-th percentile (0…100) with linear interpolation between closest ranks (NumPy's
    /// default): position `(n - 1) * p / 100` in the sorted values. `nil` for no values.
    ///
    /// Finds the two ranks it needs by selection, not by sorting: the same values, in linear time
    /// (the engagement report takes a median and a 90th percentile of 600,000 response times).
    public static func percentile(_ p: Double, of values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let position = Double(values.count - 1) * min(max(p, 0), 100) / 100
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, values.count - 1)
        let weight = position - Double(lower)
        var values = values
        let lowerValue = select(rank: lower, in: &values)
        // Selection leaves every value after `lower` at least as large: the next rank is their minimum.
        let upperValue = upper == lower ? lowerValue : values[upper...].min()!
        return lowerValue + (upperValue - lowerValue) * weight
    }

    /// The value `values.sorted()[rank]` (quickselect with a three-way partition), leaving the
    /// values before `rank` no larger and those after no smaller. Falls back to sorting the range
    /// left when the pivots keep choosing badly, so it never takes quadratic time.
    static func select(rank: Int, in values: inout [Double]) -> Double {
        values.withUnsafeMutableBufferPointer { buffer in
            var low = 0
            var high = buffer.count - 1
            var budget = 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount) + 4
            while low < high {
                if budget == 0 {
                    buffer[low...high].sort()
                    return buffer[rank]
                }
                budget -= 1
                let a = buffer[low], b = buffer[low + (high - low) / 2], c = buffer[high]
                let pivot = max(min(a, b), min(max(a, b), c))
                // [low, less) < pivot, [less, index) == pivot, (greater, high] > pivot.
                var less = low, index = low, greater = high
                while index <= greater {
                    let value = buffer[index]
                    if value < pivot {
                        buffer.swapAt(less, index)
                        less += 1
                        index += 1
                    } else if value > pivot {
                        buffer.swapAt(index, greater)
                        greater -= 1
                    } else {
                        index += 1
                    }
                }
                if rank < less {
                    high = less - 1
                } else if rank > greater {
                    low = greater + 1
                } else {
                    return buffer[rank]
                }
            }
            return buffer[rank]
        }
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
