/// Renders a `ReportDocument` as one self-contained HTML page: inline CSS and inline SVG charts,
/// no script and no network, so it opens offline from an e-mail attachment and prints to PDF.
/// The dashboard server reuses `body(_:)` inside its own layout.
public enum HTMLRenderer {
    /// A whole page.
    public static func render(_ document: ReportDocument) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(SVG.escape(document.title))</title>
        <style>\(HTMLStyle.css)</style>
        </head>
        <body>
        <main class="report">
        <h1>\(SVG.escape(document.title))</h1>
        <p class="subtitle">\(SVG.escape(document.subtitle))</p>
        \(body(document))
        <footer>Made by Heartbeat. Every chart's numbers are in the table beside it.</footer>
        </main>
        </body>
        </html>

        """
    }

    /// The charts, then every section, without the page around them.
    public static func body(_ document: ReportDocument) -> String {
        var out = ""
        for chart in document.charts { out += figure(chart) }
        for section in document.sections { out += self.section(section) }
        return out
    }

    /// One chart with its numbers beside it (folded away when there are many).
    public static func figure(_ chart: Chart) -> String {
        let numbers = chart.numbers
        let table = plainTable(columns: numbers.columns, rows: numbers.rows)
        let folded = numbers.rows.count > 12
        return """
            <figure class="chart-figure" id="figure-\(SVG.escape(chart.key))">
            <figcaption>\(SVG.escape(chart.title))</figcaption>
            <div class="chart-body"><div class="chart-svg">\(chart.svg)</div>
            <details class="numbers"\(folded ? "" : " open")><summary>Numbers (\(numbers.rows.count) rows)</summary>\(table)</details></div>
            </figure>

            """
    }

    /// One section: a heading, its note, then a list of facts or a table.
    public static func section(_ section: ReportDocument.Section) -> String {
        var out = "<section id=\"section-\(SVG.escape(section.key))\">\n<h2>\(SVG.escape(section.title))</h2>\n"
        if let note = section.note { out += "<p class=\"note\">\(SVG.escape(note))</p>\n" }
        switch section.content {
        case .facts(let facts):
            out += "<dl class=\"facts\">"
            for fact in facts {
                out += "<div data-key=\"\(SVG.escape(section.key)).\(SVG.escape(fact.key))\" data-raw=\"\(SVG.escape(fact.value.raw))\"><dt>\(SVG.escape(fact.label))</dt><dd>\(SVG.escape(fact.value.display))</dd></div>"
            }
            out += "</dl>\n"
        case .table(let columns, let rows):
            if rows.isEmpty {
                out += "<p class=\"none\">None.</p>\n"
            } else {
                out += "<div class=\"table-wrap\"><table><thead><tr>"
                for column in columns {
                    out += "<th\(column.alignRight ? " class=\"num\"" : "") scope=\"col\">\(SVG.escape(column.title))</th>"
                }
                out += "</tr></thead><tbody>"
                for row in rows {
                    out += "<tr>"
                    for (index, cell) in row.enumerated() {
                        let right = index < columns.count && columns[index].alignRight
                        out += "<td\(right ? " class=\"num\"" : "")>\(SVG.escape(cell.display))</td>"
                    }
                    out += "</tr>"
                }
                out += "</tbody></table></div>\n"
            }
        }
        return out + "</section>\n"
    }

    static func plainTable(columns: [String], rows: [[String]]) -> String {
        var out = "<table class=\"compact\"><thead><tr>"
        for column in columns { out += "<th scope=\"col\">\(SVG.escape(column))</th>" }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>" + row.enumerated().map { "<td\($0.offset > 0 ? " class=\"num\"" : "")>\(SVG.escape($0.element))</td>" }.joined() + "</tr>"
        }
        return out + "</tbody></table>"
    }
}
