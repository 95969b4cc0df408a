import Foundation
import HeartbeatCore

/// Reads the date-times that exports write: ISO 8601 (`2026-03-10T17:02:00Z`, `2026-03-10 17:02`),
/// US style as Zoom writes it (`03/10/2026 05:02:11 PM`, `3/10/2026 17:02`), month names
/// (`Mar 10, 2026 5:02 PM`) and Unix seconds or milliseconds. A time without a zone is taken as UTC.
enum SheetTime {
    static func parse(_ raw: String) -> Timestamp? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if let iso = Timestamp(iso: text) { return iso }
        if text.allSatisfy(\.isNumber), let number = Int64(text) {
            if text.count == 10 { return Timestamp(seconds: number) }
            if text.count == 13 { return Timestamp(microseconds: number * 1000) }
            return nil
        }
        var words = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        var pm: Bool? = nil
        if let last = words.last?.lowercased(), last == "am" || last == "pm" {
            pm = last == "pm"
            words.removeLast()
        }
        guard !words.isEmpty else { return nil }
        var date: CivilDate?
        var rest: ArraySlice<String>
        if words[0].contains("/") {
            let parts = words[0].split(separator: "/").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            date = CivilDate(year: parts[2] < 100 ? 2000 + parts[2] : parts[2], month: parts[0], day: parts[1])
            rest = words.dropFirst()
        } else if words.count >= 3, let month = monthNumber(words[0]), let day = Int(words[1]), let year = Int(words[2]) {
            date = CivilDate(year: year, month: month, day: day)
            rest = words.dropFirst(3)
        } else if words.count >= 3, let day = Int(words[0]), let month = monthNumber(words[1]), let year = Int(words[2]) {
            date = CivilDate(year: year, month: month, day: day)
            rest = words.dropFirst(3)
        } else {
            return nil
        }
        guard let date else { return nil }
        var seconds = 0
        if let clock = rest.first {
            let parts = clock.split(separator: ":").compactMap { Int($0) }
            guard (2...3).contains(parts.count), parts.count == clock.split(separator: ":").count else { return nil }
            var hour = parts[0]
            if let pm {
                guard (1...12).contains(hour) else { return nil }
                hour = hour % 12 + (pm ? 12 : 0)
            }
            guard hour < 24, parts[1] < 60, (parts.count < 3 || parts[2] < 61) else { return nil }
            seconds = hour * 3600 + parts[1] * 60 + (parts.count == 3 ? parts[2] : 0)
            guard rest.count == 1 else { return nil }
        }
        return Timestamp(seconds: date.dayNumber * 86_400 + Int64(seconds))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func monthNumber(_ word: String) -> Int? {
        let prefix = word.lowercased().prefix(3)
        return months.firstIndex(of: String(prefix)).map { $0 + 1 }
    }
}
