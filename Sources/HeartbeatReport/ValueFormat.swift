import Foundation

/// Number formatting that does not depend on the machine's locale, so output is the same everywhere.
public enum ValueFormat {
    /// `12345` → `12,345`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// Fixed decimals, `.` as separator.
    public static func fixed(_ value: Double, places: Int) -> String {
        String(format: "%.\(places)f", locale: Locale(identifier: "en_US_POSIX"), value)
    }

    /// `45s`, `12m 05s`, `3h 20m`, `2d 04h`.
    public static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m \(two(total % 60))s" }
        if total < 86_400 { return "\(total / 3600)h \(two(total % 3600 / 60))m" }
        return "\(total / 86_400)d \(two(total % 86_400 / 3600))h"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
