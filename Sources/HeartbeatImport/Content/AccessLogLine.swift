import HeartbeatCore

/// One request of a web server log in the combined format, the default of nginx and Apache:
///
///     203.0.113.7 - - [10/Mar/2026:13:55:36 +0100] "GET /tutorials/swift HTTP/1.1" 200 5120 "https://news.ycombinator.com/" "Mozilla/5.0 …"
///
/// Parsed from bytes, decoding only the fields a page view needs; quotes escaped inside fields
/// (`\"`, as both servers write them) are handled.
struct AccessLogLine {
    var address: String
    var at: Timestamp
    var method: String
    var target: String
    var status: Int
    var referrer: String
    var userAgent: String

    /// Why a line is not in the combined format.
    struct Malformed: Error {
        var reason: String
    }

    static let months: [[UInt8]] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map {
        Array($0.utf8)
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Malformed) -> AccessLogLine {
        var index = 0
        let count = bytes.count
        func token() -> Range<Int> {
            let start = index
            while index < count && bytes[index] != 0x20 { index += 1 }
            let range = start..<index
            while index < count && bytes[index] == 0x20 { index += 1 }
            return range
        }
        func quoted(_ what: String) throws(Malformed) -> [UInt8] {
            guard index < count, bytes[index] == UInt8(ascii: "\"") else { throw Malformed(reason: "no quoted \(what)") }
            index += 1
            var text: [UInt8] = []
            var closed = false
            while index < count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") && index + 1 < count {
                    text.append(bytes[index + 1])
                    index += 2
                    continue
                }
                index += 1
                if byte == UInt8(ascii: "\"") {
                    closed = true
                    break
                }
                text.append(byte)
            }
            guard closed else { throw Malformed(reason: "the \(what) is not closed by a quote") }
            while index < count && bytes[index] == 0x20 { index += 1 }
            return text
        }
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }

        let address = token()
        guard !address.isEmpty else { throw Malformed(reason: "empty line") }
        _ = token()  // identd
        _ = token()  // user
        guard index < count, bytes[index] == UInt8(ascii: "[") else { throw Malformed(reason: "no [time]") }
        let timeStart = index + 1
        while index < count && bytes[index] != UInt8(ascii: "]") { index += 1 }
        guard index < count else { throw Malformed(reason: "the [time] is not closed") }
        guard let at = time(UnsafeBufferPointer(rebasing: bytes[timeStart..<index])) else {
            throw Malformed(reason: "the time is not like 10/Mar/2026:13:55:36 +0100")
        }
        index += 1
        while index < count && bytes[index] == 0x20 { index += 1 }
        let request = try quoted("request")
        let status = token()
        guard let statusCode = Int(text(status)), (100...599).contains(statusCode) else {
            throw Malformed(reason: "the status is not a number from 100 to 599")
        }
        _ = token()  // bytes sent
        let referrer = try quoted("referrer (combined format expected)")
        let userAgent = try quoted("user agent (combined format expected)")
        // "GET /path HTTP/1.1": the method and the target, split at spaces.
        let methodEnd = request.firstIndex(of: 0x20) ?? request.endIndex
        var targetStart = methodEnd
        while targetStart < request.endIndex && request[targetStart] == 0x20 { targetStart += 1 }
        let targetEnd = request[targetStart...].firstIndex(of: 0x20) ?? request.endIndex
        return AccessLogLine(
            address: text(address), at: at, method: String(decoding: request[..<methodEnd], as: UTF8.self),
            target: String(decoding: request[targetStart..<targetEnd], as: UTF8.self), status: statusCode,
            referrer: String(decoding: referrer, as: UTF8.self), userAgent: String(decoding: userAgent, as: UTF8.self))
    }

    /// `10/Mar/2026:13:55:36 +0100` → the moment in UTC.
    static func time(_ bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        guard bytes.count >= 20 else { return nil }
        func number(_ from: Int, _ length: Int) -> Int? {
            var value = 0
            for index in from..<(from + length) {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let day = number(0, 2), bytes[2] == UInt8(ascii: "/"), bytes[6] == UInt8(ascii: "/"),
            let year = number(7, 4), bytes[11] == UInt8(ascii: ":"), let hour = number(12, 2),
            let minute = number(15, 2), let second = number(18, 2)
        else { return nil }
        let monthName = [bytes[3] | 0x20, bytes[4] | 0x20, bytes[5] | 0x20]
        guard let monthIndex = months.firstIndex(of: monthName), let date = CivilDate(year: year, month: monthIndex + 1, day: day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var offsetSeconds = 0
        if bytes.count >= 26, bytes[20] == 0x20, bytes[21] == UInt8(ascii: "+") || bytes[21] == UInt8(ascii: "-"),
            let hours = number(22, 2), let minutes = number(24, 2)
        {
            offsetSeconds = (hours * 3600 + minutes * 60) * (bytes[21] == UInt8(ascii: "-") ? -1 : 1)
        }
        let seconds = date.dayNumber * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return Timestamp(seconds: seconds)
    }
}
