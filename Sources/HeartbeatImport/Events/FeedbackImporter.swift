import Foundation
import HeartbeatCore

/// Imports a feedback survey export as CSV: a 0–10 recommendation score (the header mentions
/// "recommend", "NPS" or "likely"), a 1–5 rating ("rating", "satisfaction", "overall", "stars"),
/// a comment ("comment", "feedback", "suggestion", "improve"), optionally an e-mail and an event
/// column; or map them with `--column score=HEADER`. Answers are keyed by e-mail, or for anonymous
/// ones by their content and order, so the same export imported again adds nothing. A score
/// outside 0–10 or a rating outside 1–5 is a malformed row: counted, listed, skipped.
public struct FeedbackImporter: Sendable {
    public var file: String
    public var event: CommunityEvent?
    public var columns: [String]
    public var strict: Bool

    static let fields: [SheetColumns.Field] = [
        .init(name: "email", headers: ["email", "emailaddress", "respondentemail", "~email"]),
        .init(name: "score", headers: ["score", "nps", "npsscore", "~recommend", "~likely", "~nps"]),
        .init(name: "rating", headers: ["rating", "overallrating", "~rating", "~satisfaction", "~overall", "~stars", "~rate"]),
        .init(name: "comment", headers: ["comment", "comments", "feedback", "~comment", "~feedback", "~suggestion", "~improve", "~anythingelse"]),
        .init(name: "event", headers: EventAssignment.eventHeaders),
    ]

    public init(file: String, event: CommunityEvent?, columns: [String] = [], strict: Bool = false) {
        self.file = file
        self.event = event
        self.columns = columns
        self.strict = strict
    }

    public func run(into store: any EventStore) async throws -> EventSheetImportSummary {
        let (rows, header, sheet) = try SheetColumns.read(file: file, fields: Self.fields, columns: columns)
        guard sheet.has("score") || sheet.has("rating") || sheet.has("comment") else {
            throw ImportError.input(
                file, line: header.line,
                "has no score, rating or comment column (header: \(header.fields.joined(separator: ", "))). Map one with --column score=HEADER.")
        }
        try EventAssignment.requireEventSource(event, sheet: sheet, header: header, file: file)
        let known = try await store.events()
        var byTitle: [String: CommunityEvent] = [:]
        for event in known { byTitle[event.title.lowercased()] = event }
        var summary = EventSheetImportSummary()
        var responses: [EventFeedback] = []
        var occurrences: [String: Int] = [:]
        for record in rows {
            summary.rows += 1
            var problems: [String] = []
            func number(_ field: String, _ range: ClosedRange<Int>) -> Int? {
                let text = sheet.value(field, record)
                guard !text.isEmpty else { return nil }
                let digits = text.prefix { $0.isNumber }
                guard let value = Int(digits), range.contains(value), digits.count == text.count || !text.dropFirst(digits.count).first!.isNumber
                else {
                    problems.append("\(field) '\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
                    return nil
                }
                return value
            }
            let score = number("score", 0...10), rating = number("rating", 1...5)
            let comment = sheet.value("comment", record)
            let email = sheet.value("email", record).lowercased()
            var target = event
            if target == nil {
                let title = sheet.value("event", record)
                target = byTitle[title.lowercased()]
                if target == nil {
                    problems.append(title.isEmpty ? "empty event" : "unknown event '\(title)' (import its attendance first, or heartbeat events add)")
                }
            }
            if score == nil && rating == nil && comment.isEmpty && problems.isEmpty { continue }  // an empty answer
            guard problems.isEmpty, let target else {
                summary.noteMalformed(file: file, line: record.line, reason: problems.joined(separator: "; "))
                continue
            }
            var key = email
            if key.isEmpty {
                let content = "\(target.id)|\(score.map(String.init) ?? "")|\(rating.map(String.init) ?? "")|\(comment)"
                let seen = occurrences[content, default: 0]
                occurrences[content] = seen + 1
                key = "row:" + String(SHA256.hex(content).prefix(16)) + ":\(seen)"
            }
            responses.append(
                EventFeedback(
                    eventID: target.id, key: key, email: email.isEmpty ? nil : email, score: score, rating: rating,
                    comment: comment.isEmpty ? nil : comment))
        }
        if strict { try summary.refuseMalformed(file: file) }
        summary.records = responses.count
        summary.saved = try await store.saveFeedback(responses)
        return summary
    }
}
