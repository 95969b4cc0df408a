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

    /// Fixed decimals, `.` as separator: C's `%.*f` in the C locale (a Swift process never
    /// switches it), the formatting `String(format:locale:)` ends in, without the locale: creating
    /// `Locale(identifier:)` loaded ICU's data on first use, up to 0.02 s of a command that prints
    /// one line.
    public static func fixed(_ value: Double, places: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        while true {
            let needed = withVaList([Int32(places), value]) { arguments in
                vsnprintf(&buffer, buffer.count, "%.*f", arguments)
            }
            if needed < buffer.count { return String(cString: buffer) }
            buffer = [CChar](repeating: 0, count: Int(needed) + 1)
        }
    }

    /// `45s`, `12m 05s`, `3h 20m`, `2d 04h`.
    public static func duration(_ seconds: Double) -> String { DurationText.short(seconds) }
}
