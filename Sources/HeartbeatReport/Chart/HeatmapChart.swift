/// A grid of shaded cells: hour-of-week activity (weekdays × hours), retention cohorts (cohorts ×
/// months after joining). Darker is more; every cell carries its value in a hover title, and empty
/// cells (no data, not zero) stay grey.
public struct HeatmapChart: Sendable {
    public var title: String
    public var key: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// `values[row][column]`; nil where there is nothing to show.
    public var values: [[Double?]]
    /// The value that gets the darkest shade; the largest value when nil (shares use 1).
    public var maximum: Double?
    /// Formats a value for titles and, when the cells are wide enough, inside the cell.
    public var format: @Sendable (Double) -> String
    public var showValues: Bool
    public var cellWidth: Double
    public var cellHeight: Double = 20

    public init(
        title: String, key: String, rowLabels: [String], columnLabels: [String], values: [[Double?]],
        maximum: Double? = nil, cellWidth: Double = 26, showValues: Bool = false,
        format: @escaping @Sendable (Double) -> String = { NiceScale.label($0) }
    ) {
        self.title = title
        self.key = key
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.maximum = maximum
        self.cellWidth = cellWidth
        self.showValues = showValues
        self.format = format
    }

    static let labelWidth: Double = 90
    static let headerHeight: Double = 22

    public var width: Double { Self.labelWidth + Double(columnLabels.count) * cellWidth + 10 }
    public var height: Double { Self.headerHeight + Double(rowLabels.count) * cellHeight + 10 }

    /// The top-left corner of a cell.
    public func origin(row: Int, column: Int) -> (x: Double, y: Double) {
        (Self.labelWidth + Double(column) * cellWidth, Self.headerHeight + Double(row) * cellHeight)
    }

    /// The value that gets the darkest shade.
    public var top: Double { maximum ?? values.flatMap { $0.compactMap { $0 } }.max() ?? 0 }

    /// The shade of a value, from pale (0) to deep (the maximum).
    public func fill(_ value: Double) -> String { Self.fill(value, top: top) }

    static func fill(_ value: Double, top: Double) -> String { SVG.shade(top > 0 ? value / top : 0) }

    public var summary: String {
        var best: (row: Int, column: Int, value: Double)?
        for (row, cells) in values.enumerated() {
            for (column, value) in cells.enumerated() {
                if let value, value > (best?.value ?? -.infinity) { best = (row, column, value) }
            }
        }
        let peak = best.map { " Highest: \(rowLabels[$0.row]) \(columnLabels[$0.column]) with \(format($0.value))." } ?? ""
        return "Heatmap, \(rowLabels.count) rows by \(columnLabels.count) columns.\(peak)"
    }

    public var svg: String {
        var out = SVG.open(width: width, height: height, key: key, title: title, summary: summary)
        let top = top
        let stride = cellWidth < 20 ? 3 : 1
        for (column, label) in columnLabels.enumerated() where column % stride == 0 {
            let x = origin(row: 0, column: column).x + cellWidth / 2
            out += "<text class=\"tick\" x=\"\(SVG.number(x))\" y=\"\(SVG.number(Self.headerHeight - 6))\" text-anchor=\"middle\">\(SVG.escape(label))</text>"
        }
        for (row, label) in rowLabels.enumerated() {
            let y = origin(row: row, column: 0).y
            out += "<text class=\"label\" x=\"\(SVG.number(Self.labelWidth - 6))\" y=\"\(SVG.number(y + cellHeight / 2 + 4))\" text-anchor=\"end\">\(SVG.escape(label))</text>"
            for (column, value) in values[row].enumerated() {
                let corner = origin(row: row, column: column)
                let fill = value.map { Self.fill($0, top: top) } ?? "#f3f4f6"
                let text = value.map(format) ?? "no data"
                out += "<rect x=\"\(SVG.number(corner.x))\" y=\"\(SVG.number(corner.y))\" width=\"\(SVG.number(cellWidth - 1))\" height=\"\(SVG.number(cellHeight - 1))\" fill=\"\(fill)\"><title>\(SVG.escape(label)), \(SVG.escape(columnLabels[column])): \(SVG.escape(text))</title></rect>"
                if showValues, let value {
                    let share = (maximum ?? 1) > 0 ? value / (maximum ?? 1) : 0
                    out += "<text class=\"cell\" x=\"\(SVG.number(corner.x + cellWidth / 2))\" y=\"\(SVG.number(corner.y + cellHeight / 2 + 4))\" text-anchor=\"middle\" fill=\"\(share > 0.55 ? "#fff" : "#111")\">\(SVG.escape(format(value)))</text>"
                }
            }
        }
        return out + "</svg>"
    }
}
