import Foundation
import HeartbeatCore

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
    public static func duration(_ seconds: Double) -> String { DurationText.short(seconds) }
}
