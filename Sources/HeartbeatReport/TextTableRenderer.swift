/// Renders a `ReportDocument` as aligned plain-text tables for a terminal.
public enum TextTableRenderer {
    public static func render(_ document: ReportDocument) -> String {
        var out = document.title + "\n" + document.subtitle + "\n"
        for section in document.sections {
            out += "\n" + section.title + "\n" + String(repeating: "─", count: section.title.count) + "\n"
            if let note = section.note { out += note + "\n" }
            switch section.content {
            case .facts(let facts):
                let width = facts.map(\.label.count).max() ?? 0
                for fact in facts {
                    out += "  " + pad(fact.label, width, right: false) + "  " + fact.value.display + "\n"
                }
            case .table(let columns, let rows):
                if rows.isEmpty {
                    out += "  (none)\n"
                    continue
                }
                var widths = columns.map(\.title.count)
                for row in rows {
                    for (index, cell) in row.enumerated() where index < widths.count {
                        widths[index] = max(widths[index], cell.display.count)
                    }
                }
                let header = columns.enumerated().map { pad($1.title, widths[$0], right: $1.alignRight) }
                out += "  " + header.joined(separator: "  ") + "\n"
                out += "  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
                for row in rows {
                    let cells = row.enumerated().map { index, cell in
                        pad(cell.display, widths[index], right: columns[index].alignRight)
                    }
                    out += "  " + cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
                }
            }
        }
        return out
    }

    static func pad(_ text: String, _ width: Int, right: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
