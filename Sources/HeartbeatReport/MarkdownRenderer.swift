import Foundation

/// Renders a `ReportDocument` as GitHub-flavoured Markdown.
public enum MarkdownRenderer {
    public static func render(_ document: ReportDocument) -> String {
        var out = "# \(escape(document.title))\n\n\(escape(document.subtitle))\n"
        for section in document.sections {
            out += "\n## \(escape(section.title))\n\n"
            if let note = section.note { out += escape(note) + "\n\n" }
            switch section.content {
            case .facts(let facts):
                out += "| Figure | Value |\n|---|---:|\n"
                for fact in facts { out += "| \(escape(fact.label)) | \(escape(fact.value.display)) |\n" }
            case .table(let columns, let rows):
                if rows.isEmpty {
                    out += "_None._\n"
                    continue
                }
                out += "| " + columns.map { escape($0.title) }.joined(separator: " | ") + " |\n"
                out += "|" + columns.map { $0.alignRight ? "---:|" : "---|" }.joined() + "\n"
                for row in rows { out += "| " + row.map { escape($0.display) }.joined(separator: " | ") + " |\n" }
            }
        }
        return out
    }

    /// Keeps table cells intact: pipes and line breaks would end a cell or a row.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
