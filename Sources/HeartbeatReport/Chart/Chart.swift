/// A picture of some of a report's numbers, drawn as inline SVG by the HTML renderer. Each chart
/// also carries its numbers as a table (`numbers`), shown beside it, so nothing is only a picture.
public enum Chart: Sendable {
    case line(LineChart)
    case bars(BarChart)
    case heatmap(HeatmapChart)

    public var title: String {
        switch self {
        case .line(let chart): chart.title
        case .bars(let chart): chart.title
        case .heatmap(let chart): chart.title
        }
    }

    public var key: String {
        switch self {
        case .line(let chart): chart.key
        case .bars(let chart): chart.key
        case .heatmap(let chart): chart.key
        }
    }

    public var svg: String {
        switch self {
        case .line(let chart): chart.svg
        case .bars(let chart): chart.svg
        case .heatmap(let chart): chart.svg
        }
    }

    /// The charted values as a table: header row, then one row per point, bar or grid row.
    public var numbers: (columns: [String], rows: [[String]]) {
        switch self {
        case .line(let chart):
            let columns = ["Day"] + chart.series.map(\.name)
            let rows = chart.days.indices.map { index in
                [CivilDateText.iso(chart.days[index])]
                    + chart.series.map { ValueFormat.grouped(Int($0.values[index].rounded())) }
            }
            return (columns, rows)
        case .bars(let chart):
            return (["", chart.valueTitle], chart.bars.map { [$0.label, $0.valueLabel ?? NiceScale.label($0.value)] })
        case .heatmap(let chart):
            let rows = chart.rowLabels.indices.map { row in
                [chart.rowLabels[row]] + chart.values[row].map { $0.map(chart.format) ?? "" }
            }
            return ([""] + chart.columnLabels, rows)
        }
    }
}
