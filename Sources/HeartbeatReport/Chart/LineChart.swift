import HeartbeatCore

/// Lines over days: one value per day per series, on a left axis and optionally a right one (so
/// members in thousands and weekly posters in hundreds can share one picture without one of them
/// lying flat on the floor).
public struct LineChart: Sendable {
    public enum Axis: Sendable, Hashable { case left, right }

    public struct Series: Sendable {
        public var name: String
        /// One value per entry of `days`.
        public var values: [Double]
        public var axis: Axis

        public init(name: String, values: [Double], axis: Axis = .left) {
            self.name = name
            self.values = values
            self.axis = axis
        }
    }

    public struct Marker: Sendable, Hashable {
        public var day: Int64
        public var label: String
        public init(day: Int64, label: String) {
            self.day = day
            self.label = label
        }
    }

    public var title: String
    public var key: String
    /// UTC day numbers, ascending: the x of each value.
    public var days: [Int64]
    public var series: [Series]
    public var leftTitle: String
    public var rightTitle: String?
    /// Days marked with a dashed vertical line and a hover label (publish dates on the views chart).
    public var markers: [Marker] = []
    public var width: Double = 760
    public var height: Double = 300

    public init(title: String, key: String, days: [Int64], series: [Series], leftTitle: String, rightTitle: String? = nil) {
        self.title = title
        self.key = key
        self.days = days
        self.series = series
        self.leftTitle = leftTitle
        self.rightTitle = rightTitle
    }

    /// Where everything goes; public so tests can check a point's position for a known value.
    public struct Layout: Sendable {
        public var plot: ChartRect
        public var firstDay: Int64
        public var lastDay: Int64
        public var left: NiceScale
        public var right: NiceScale?

        /// The x of a day: the first day on the left edge, the last on the right edge.
        public func x(day: Int64) -> Double {
            guard lastDay > firstDay else { return plot.x + plot.width / 2 }
            return plot.x + plot.width * Double(day - firstDay) / Double(lastDay - firstDay)
        }

        /// The y of a value on an axis: 0 on the bottom edge, the scale's top on the top edge.
        public func y(_ value: Double, axis: Axis = .left) -> Double {
            let scale = axis == .right ? (right ?? left) : left
            return plot.maxY - plot.height * scale.fraction(value)
        }
    }

    public var layout: Layout {
        let hasRight = series.contains { $0.axis == .right }
        let maximum = { (axis: Axis) in series.filter { $0.axis == axis }.flatMap(\.values).max() ?? 0 }
        let plot = ChartRect(x: 60, y: 36, width: width - 60 - (hasRight ? 60 : 20), height: height - 36 - 34)
        return Layout(
            plot: plot, firstDay: days.first ?? 0, lastDay: days.last ?? 0,
            left: NiceScale(maximum: maximum(.left)), right: hasRight ? NiceScale(maximum: maximum(.right)) : nil)
    }

    public var summary: String {
        let parts = series.map { line in
            "\(line.name): from \(NiceScale.label(line.values.first ?? 0)) to \(NiceScale.label(line.values.last ?? 0)), peak \(NiceScale.label(line.values.max() ?? 0))"
        }
        let range = days.isEmpty ? "no days" : "\(CivilDate(dayNumber: days[0])) to \(CivilDate(dayNumber: days[days.count - 1]))"
        return "Line chart, \(range). " + parts.joined(separator: "; ") + "."
    }

    public var svg: String {
        let layout = layout
        let plot = layout.plot
        var out = SVG.open(width: width, height: height, key: key, title: title, summary: summary)
        // Legend, above the plot.
        var legendX = plot.x
        for (index, line) in series.enumerated() {
            let color = SVG.palette[index % SVG.palette.count]
            let label = line.name + (layout.right != nil ? (line.axis == .left ? " (left)" : " (right)") : "")
            out += "<rect x=\"\(SVG.number(legendX))\" y=\"10\" width=\"14\" height=\"4\" fill=\"\(color)\"/>"
            out += "<text class=\"legend\" x=\"\(SVG.number(legendX + 20))\" y=\"16\">\(SVG.escape(label))</text>"
            legendX += 28 + Double(label.count) * 7
        }
        // Grid and value axes.
        for tick in layout.left.ticks {
            let y = layout.y(tick)
            out += "<line class=\"grid\" x1=\"\(SVG.number(plot.x))\" x2=\"\(SVG.number(plot.maxX))\" y1=\"\(SVG.number(y))\" y2=\"\(SVG.number(y))\"/>"
            out += "<text class=\"tick\" x=\"\(SVG.number(plot.x - 6))\" y=\"\(SVG.number(y + 4))\" text-anchor=\"end\">\(NiceScale.label(tick))</text>"
        }
        if let right = layout.right {
            for tick in right.ticks {
                let y = layout.y(tick, axis: .right)
                out += "<text class=\"tick\" x=\"\(SVG.number(plot.maxX + 6))\" y=\"\(SVG.number(y + 4))\">\(NiceScale.label(tick))</text>"
            }
        }
        out += "<text class=\"axis-title\" x=\"12\" y=\"\(SVG.number(plot.y + plot.height / 2))\" transform=\"rotate(-90 12 \(SVG.number(plot.y + plot.height / 2)))\" text-anchor=\"middle\">\(SVG.escape(leftTitle))</text>"
        if let rightTitle, layout.right != nil {
            let x = width - 8
            out += "<text class=\"axis-title\" x=\"\(SVG.number(x))\" y=\"\(SVG.number(plot.y + plot.height / 2))\" transform=\"rotate(90 \(SVG.number(x)) \(SVG.number(plot.y + plot.height / 2)))\" text-anchor=\"middle\">\(SVG.escape(rightTitle))</text>"
        }
        // Time axis.
        out += "<line class=\"axis\" x1=\"\(SVG.number(plot.x))\" x2=\"\(SVG.number(plot.maxX))\" y1=\"\(SVG.number(plot.maxY))\" y2=\"\(SVG.number(plot.maxY))\"/>"
        if let first = days.first, let last = days.last {
            var ticks = DateTicks.ticks(first: first, last: last)
            let room = max(1, Int(plot.width / 64))
            if ticks.count > room {
                let stride = (ticks.count + room - 1) / room
                ticks = ticks.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
            }
            for tick in ticks {
                let x = layout.x(day: tick.day)
                out += "<line class=\"axis\" x1=\"\(SVG.number(x))\" x2=\"\(SVG.number(x))\" y1=\"\(SVG.number(plot.maxY))\" y2=\"\(SVG.number(plot.maxY + 4))\"/>"
                out += "<text class=\"tick\" x=\"\(SVG.number(x))\" y=\"\(SVG.number(plot.maxY + 18))\" text-anchor=\"middle\">\(SVG.escape(tick.label))</text>"
            }
        }
        // Markers, under the lines.
        for marker in markers where marker.day >= layout.firstDay && marker.day <= layout.lastDay {
            let x = SVG.number(layout.x(day: marker.day))
            out += "<line class=\"marker\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(SVG.number(plot.y))\" y2=\"\(SVG.number(plot.maxY))\" stroke=\"#888\" stroke-dasharray=\"4 3\"><title>\(CivilDate(dayNumber: marker.day)): \(SVG.escape(marker.label))</title></line>"
        }
        // Lines, each point with a hover title.
        for (index, line) in series.enumerated() {
            let color = SVG.palette[index % SVG.palette.count]
            let points = zip(days, line.values).map { day, value in
                "\(SVG.number(layout.x(day: day))),\(SVG.number(layout.y(value, axis: line.axis)))"
            }
            out += "<polyline class=\"series\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"><title>\(SVG.escape(line.name))</title></polyline>"
            if days.count <= 120 {
                for (day, value) in zip(days, line.values) {
                    out += "<circle cx=\"\(SVG.number(layout.x(day: day)))\" cy=\"\(SVG.number(layout.y(value, axis: line.axis)))\" r=\"2.5\" fill=\"\(color)\"><title>\(CivilDate(dayNumber: day)): \(SVG.escape(line.name)) \(NiceScale.label(value))</title></circle>"
                }
            }
        }
        return out + "</svg>"
    }
}
