/// A value axis from 0 to a round maximum, with round ticks (1, 2 or 5 × 10ⁿ apart), so a reader
/// can read a value off the chart without a calculator.
public struct NiceScale: Sendable, Hashable {
    /// The top of the axis: the first tick at or above the largest value.
    public var upper: Double
    /// The distance between ticks.
    public var step: Double

    /// A scale that holds `maximum` with about `targetTicks` intervals. `integral` keeps steps at 1 or
    /// more, for counts.
    public init(maximum: Double, targetTicks: Int = 4, integral: Bool = true) {
        let top = maximum.isFinite && maximum > 0 ? maximum : (integral ? 1 : 1)
        var step = Self.roundStep(top / Double(max(1, targetTicks)))
        if integral { step = max(1, step) }
        self.step = step
        self.upper = (top / step).rounded(.up) * step
    }

    /// The tick values from 0 to `upper`, both included.
    public var ticks: [Double] {
        let count = Int((upper / step).rounded())
        return (0...count).map { Double($0) * step }
    }

    /// The share of the axis's height at which `value` sits (0 at the bottom, 1 at the top).
    public func fraction(_ value: Double) -> Double { upper > 0 ? min(max(value / upper, 0), 1) : 0 }

    /// Rounds `raw` up to 1, 2, 5 or 10 times a power of ten.
    static func roundStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * 0.999_999 { return factor * magnitude }
        return 10 * magnitude
    }

    /// A tick label: `1,500` → `1.5k`, `2,000,000` → `2M`, fractions with up to two decimals.
    public static func label(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1_000_000 { return trimmed(value / 1_000_000) + "M" }
        if magnitude >= 10_000 { return trimmed(value / 1_000) + "k" }
        if value == value.rounded() { return ValueFormat.grouped(Int(value)) }
        return trimmed(value)
    }

    private static func trimmed(_ value: Double) -> String {
        var text = ValueFormat.fixed(value, places: 2)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
