/// A calendar date (proleptic Gregorian, UTC) without a time, with exact conversion to and from
/// day numbers. Used for day file names (`2024-01-31.json`), period bounds and weekly series, so
/// that no time zone database or `Calendar` is involved in any figure.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; anything else (including `2024-02-30`) is `nil`.
    public init?(iso text: some StringProtocol) {
        self.init(isoUTF8: text.utf8)
    }

    /// `init(iso:)` over UTF-8 bytes: every import parses one per day file of the export, straight
    /// from its path (inlinable, so specialised for the caller's bytes instead of one generic call
    /// per byte).
    @inlinable
    public init?(isoUTF8 bytes: some Sequence<UInt8>) {
        var y = 0, m = 0, d = 0, position = 0
        for byte in bytes {
            switch position {
            case 4, 7:
                guard byte == UInt8(ascii: "-") else { return nil }
            case 0..<10:
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                if position < 4 { y = y * 10 + digit } else if position < 7 { m = m * 10 + digit } else { d = d * 10 + digit }
            default:
                return nil
            }
            position += 1
        }
        guard position == 10 else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// From days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    public init(dayNumber: Int64) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.year = Int(y)
        self.month = Int(m)
        self.day = Int(d)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    public var dayNumber: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int { Int(((dayNumber % 7) + 7 + 3) % 7) }

    public var startTimestamp: Timestamp { Timestamp.startOfDay(dayNumber) }

    public var description: String {
        // Ten ASCII bytes written in place: every re-import builds one per day file of the export
        // (twice: 66,000 for the 1M bench), and the concatenation below cost eight strings each.
        if (0...9999).contains(year) {
            return String(unsafeUninitializedCapacity: 10) { buffer in
                func put(_ value: Int, digits: Int, at offset: Int) {
                    var rest = value
                    for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                        buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                        rest /= 10
                    }
                }
                put(year, digits: 4, at: 0)
                buffer[4] = UInt8(ascii: "-")
                put(month, digits: 2, at: 5)
                buffer[7] = UInt8(ascii: "-")
                put(day, digits: 2, at: 8)
                return 10
            }
        }
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + pad2(Int64(month)) + "-" + pad2(Int64(day))
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Encoded as its ISO text (`"2026-03-01"`), as every report and the API write days.
extension CivilDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CivilDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a date YYYY-MM-DD, found '\(text)'")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
