/// Durations as people read them: `45s`, `12m 05s`, `3h 20m`, `2d 04h`. One definition for report
/// cells and evidence sentences alike.
public enum DurationText {
    public static func short(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m \(two(total % 60))s" }
        if total < 86_400 { return "\(total / 3600)h \(two(total % 3600 / 60))m" }
        return "\(total / 86_400)d \(two(total % 86_400 / 3600))h"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
