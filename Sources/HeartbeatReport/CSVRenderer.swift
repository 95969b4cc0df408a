import Foundation

/// Renders a `ReportDocument` as one tidy CSV (RFC 4180): a row per figure with the columns
/// `section,item,metric,value`. Facts have an empty `item`; table rows use their first cell as
/// `item`. Values are raw (seconds, shares as 0…1), never display strings.
public enum CSVRenderer {
    public static func render(_ document: ReportDocument) -> String {
        var out = "section,item,metric,value\r\n"
        for section in document.sections {
            switch section.content {
            case .facts(let facts):
                for fact in facts { out += line([section.key, "", fact.key, fact.value.raw]) }
            case .table(let columns, let rows):
                for row in rows {
                    guard let item = row.first?.raw else { continue }
                    for (index, cell) in row.enumerated().dropFirst() where index < columns.count {
                        out += line([section.key, item, columns[index].key, cell.raw])
                    }
                }
            }
        }
        return out
    }

    static func line(_ fields: [String]) -> String { fields.map(quote).joined(separator: ",") + "\r\n" }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
