/// The output formats every report supports (`--format`).
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Aligned columns for a terminal (the default when stdout is a terminal).
    case table
    /// GitHub-flavoured Markdown, to paste into a wiki or an issue.
    case markdown
    /// One tidy CSV: `section,item,metric,value` per figure, for spreadsheets and pivot tables.
    case csv
    /// The report's own structure, snake_case keys, stable (the default when stdout is not a terminal).
    case json
    /// One self-contained page with charts (inline CSS and SVG, no network), to e-mail or print.
    case html
}
