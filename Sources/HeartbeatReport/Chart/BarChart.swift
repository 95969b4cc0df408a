/// Horizontal bars, one per labelled item, longest value on the full width: top members, the
/// distribution of first-response times. Labels sit left of the bars so long names stay readable.
public struct BarChart: Sendable {
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Double
        /// What the bar's end says (`2h 05m`, `1,204`); the value itself when nil.
        public var valueLabel: String?

        public init(label: String, value: Double, valueLabel: String? = nil) {
            self.label = label
            self.value = value
            self.valueLabel = valueLabel
        }
    }

    public var title: String
    public var key: String
    public var bars: [Bar]
    /// What the values count (`posts`, `threads`), for the axis and the description.
    public var valueTitle: String
    public var width: Double = 760
    public static let rowHeight: Double = 22

    public init(title: String, key: String, bars: [Bar], valueTitle: String) {
        self.title = title
        self.key = key
        self.bars = bars
        self.valueTitle = valueTitle
    }

    public var height: Double { 24 + Double(max(bars.count, 1)) * Self.rowHeight + 30 }

    public struct Layout: Sendable {
        public var plot: ChartRect
        public var scale: NiceScale

        /// The length of a bar for `value`.
        public func length(_ value: Double) -> Double { plot.width * scale.fraction(value) }
        /// The top of the bar in row `index`.
        public func top(row index: Int) -> Double { plot.y + Double(index) * BarChart.rowHeight + 3 }
    }

    public var layout: Layout {
        let plot = ChartRect(x: 180, y: 12, width: width - 180 - 70, height: Double(max(bars.count, 1)) * Self.rowHeight)
        return Layout(plot: plot, scale: NiceScale(maximum: bars.map(\.value).max() ?? 0))
    }

    public var summary: String {
        let listed = bars.prefix(5).map { "\($0.label) \($0.valueLabel ?? NiceScale.label($0.value))" }
        return "Bar chart of \(valueTitle), \(bars.count) bars: " + listed.joined(separator: ", ") + (bars.count > 5 ? ", …" : "") + "."
    }

    public var svg: String {
        let layout = layout
        let plot = layout.plot
        var out = SVG.open(width: width, height: height, key: key, title: title, summary: summary)
        for tick in layout.scale.ticks {
            let x = plot.x + layout.length(tick)
            out += "<line class=\"grid\" x1=\"\(SVG.number(x))\" x2=\"\(SVG.number(x))\" y1=\"\(SVG.number(plot.y))\" y2=\"\(SVG.number(plot.maxY))\"/>"
            out += "<text class=\"tick\" x=\"\(SVG.number(x))\" y=\"\(SVG.number(plot.maxY + 16))\" text-anchor=\"middle\">\(NiceScale.label(tick))</text>"
        }
        out += "<text class=\"axis-title\" x=\"\(SVG.number(plot.x + plot.width / 2))\" y=\"\(SVG.number(plot.maxY + 30))\" text-anchor=\"middle\">\(SVG.escape(valueTitle))</text>"
        for (index, bar) in bars.enumerated() {
            let top = layout.top(row: index)
            let label = bar.label.count > 26 ? String(bar.label.prefix(25)) + "…" : bar.label
            let shown = bar.valueLabel ?? NiceScale.label(bar.value)
            out += "<text class=\"label\" x=\"\(SVG.number(plot.x - 8))\" y=\"\(SVG.number(top + 12))\" text-anchor=\"end\">\(SVG.escape(label))</text>"
            out += "<rect class=\"bar\" x=\"\(SVG.number(plot.x))\" y=\"\(SVG.number(top))\" width=\"\(SVG.number(layout.length(bar.value)))\" height=\"16\" fill=\"\(SVG.palette[0])\"><title>\(SVG.escape(bar.label)): \(SVG.escape(shown))</title></rect>"
            out += "<text class=\"value\" x=\"\(SVG.number(plot.x + layout.length(bar.value) + 6))\" y=\"\(SVG.number(top + 12))\">\(SVG.escape(shown))</text>"
        }
        return out + "</svg>"
    }
}
