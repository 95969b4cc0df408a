extension Timestamp {
    /// Reads a moment as people and spreadsheets write it: `2026-03-01` (midnight UTC),
    /// `2026-03-01 14:05`, `2026-03-01T14:05:09Z` or with an offset (`+02:00`, `-0500`). Without an
    /// offset the time is UTC. `nil` for anything else, or an impossible date or time.
    public init?(iso text: some StringProtocol) {
        let chars = Array(text.trimmingSpaces.utf8)
        guard chars.count >= 10, let date = CivilDate(iso: String(decoding: chars[0..<10], as: UTF8.self)) else { return nil }
        var micros = date.startTimestamp.microseconds
        guard chars.count > 10 else {
            self.init(microseconds: micros)
            return
        }
        guard chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: " ") else { return nil }
        var index = 11
        func number(_ digits: Int) -> Int64? {
            guard index + digits <= chars.count else { return nil }
            var value: Int64 = 0
            for byte in chars[index..<index + digits] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            index += digits
            return value
        }
        func skip(_ byte: Character) -> Bool {
            guard index < chars.count, chars[index] == byte.asciiValue! else { return false }
            index += 1
            return true
        }
        guard let hour = number(2), hour < 24, skip(":"), let minute = number(2), minute < 60 else { return nil }
        var second: Int64 = 0
        if skip(":") {
            guard let value = number(2), value < 61 else { return nil }
            second = value
            if skip(".") {
                // Up to six decimals are kept (microseconds); more are read and dropped.
                var scale: Int64 = 100_000
                while index < chars.count, chars[index] >= 0x30 && chars[index] <= 0x39 {
                    micros += Int64(chars[index] - 0x30) * scale
                    scale /= 10
                    index += 1
                }
            }
        }
        micros += ((hour * 60 + minute) * 60 + second) * 1_000_000
        if index < chars.count {
            if skip("Z") || skip("z") {
            } else if chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-") {
                let sign: Int64 = chars[index] == UInt8(ascii: "+") ? 1 : -1
                index += 1
                guard let offsetHours = number(2), offsetHours < 24 else { return nil }
                _ = skip(":")
                guard let offsetMinutes = number(2), offsetMinutes < 60 else { return nil }
                micros -= sign * (offsetHours * 60 + offsetMinutes) * 60_000_000
            } else {
                return nil
            }
        }
        guard index == chars.count else { return nil }
        self.init(microseconds: micros)
    }
}

extension Timestamp {
    /// `YYYY-MM-DDTHH:MM:SSZ`, with six decimals when the moment is not a whole second
    /// (`2026-03-01T09:00:00.000100Z`), so it reads back exactly with `init(iso:)`.
    public var isoDateTimeExact: String {
        let fraction = ((microseconds % 1_000_000) + 1_000_000) % 1_000_000
        guard fraction != 0 else { return isoDateTime }
        let digits = String(fraction)
        return String(isoDateTime.dropLast()) + "." + String(repeating: "0", count: 6 - digits.count) + digits + "Z"
    }

    /// Encoded as its exact ISO text, as the API and `--format json` write moments.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = Timestamp(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a moment YYYY-MM-DDTHH:MM:SSZ, found '\(text)'")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(isoDateTimeExact)
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: SubSequence {
        var start = startIndex, end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return self[start..<end]
    }
}
