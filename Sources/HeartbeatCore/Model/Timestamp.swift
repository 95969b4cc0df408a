import Foundation

/// A point in time as whole microseconds since 1970-01-01T00:00:00Z (UTC).
///
/// Microseconds, not `Double` seconds, because Slack's message ids (`ts = "1704067200.000123"`)
/// carry exactly six decimals: keeping them as integers makes ids exact, ordering total, and
/// differences (first-response seconds) free of rounding.
public struct Timestamp: Sendable, Hashable, Comparable, Codable {
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }
    public init(seconds: Int64) { self.microseconds = seconds * 1_000_000 }
    /// The current time (the system clock).
    public static var now: Timestamp { Timestamp(Date()) }

    public init(_ date: Date) {
        self.microseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    public static let microsecondsPerDay: Int64 = 86_400 * 1_000_000

    public var date: Date { Date(timeIntervalSince1970: Double(microseconds) / 1_000_000) }
    public var seconds: Double { Double(microseconds) / 1_000_000 }

    /// Days since 1970-01-01 in UTC (floor division, so times before 1970 land on the right day).
    public var dayNumber: Int64 {
        microseconds >= 0 ? microseconds / Self.microsecondsPerDay
            : -((-microseconds - 1) / Self.microsecondsPerDay) - 1
    }

    /// Midnight UTC of the given day number.
    public static func startOfDay(_ dayNumber: Int64) -> Timestamp {
        Timestamp(microseconds: dayNumber * microsecondsPerDay)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.microseconds < rhs.microseconds }

    /// Parses a Slack `ts` (`"1704067200.000123"`, or without fraction) exactly.
    /// Returns `nil` for anything that is not digits with an optional fraction of at most six digits.
    public init?(slackTS text: String) {
        // Over the string's own UTF-8 storage (a native string always has it): iterating
        // `utf8` checked the representation per byte (3 % of the Slack parser's samples).
        guard let parsed = text.utf8.withContiguousStorageIfAvailable({ Self.microseconds(slackTS: $0) })
            ?? Self.microseconds(slackTS: text.utf8)
        else { return nil }
        self.microseconds = parsed
    }

    private static func microseconds<Bytes: Sequence<UInt8>>(slackTS text: Bytes) -> Int64? {
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenDot = false
        var seenDigit = false
        for byte in text {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                let digit = Int64(byte - UInt8(ascii: "0"))
                if seenDot {
                    guard fractionDigits < 6 else { return nil }
                    fraction = fraction * 10 + digit
                    fractionDigits += 1
                } else {
                    guard whole < 100_000_000_000 else { return nil }
                    whole = whole * 10 + digit
                }
            case UInt8(ascii: "."):
                if seenDot { return nil }
                seenDot = true
            default:
                return nil
            }
        }
        guard seenDigit else { return nil }
        while fractionDigits < 6 {
            fraction *= 10
            fractionDigits += 1
        }
        return whole * 1_000_000 + fraction
    }

    /// `YYYY-MM-DD` of this instant in UTC.
    public var isoDay: String { CivilDate(dayNumber: dayNumber).description }

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC.
    public var isoDateTime: String {
        let day = dayNumber
        let secondOfDay = (microseconds - day * Self.microsecondsPerDay) / 1_000_000
        let h = secondOfDay / 3600, m = (secondOfDay % 3600) / 60, s = secondOfDay % 60
        return CivilDate(dayNumber: day).description
            + "T" + pad2(h) + ":" + pad2(m) + ":" + pad2(s) + "Z"
    }
}

func pad2(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
