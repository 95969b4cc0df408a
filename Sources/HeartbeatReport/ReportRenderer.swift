/// One entry point for every text format.
public enum ReportRenderer {
    /// Renders `value` in `format`; `document` is used by the human formats, `value` itself by JSON.
    public static func render<T: Encodable>(_ value: T, document: ReportDocument, as format: ReportFormat) throws -> String {
        switch format {
        case .table: return TextTableRenderer.render(document)
        case .markdown: return MarkdownRenderer.render(document)
        case .csv: return CSVRenderer.render(document)
        case .json: return try JSONRenderer.render(value)
        case .html: return HTMLRenderer.render(document)
        }
    }
}
