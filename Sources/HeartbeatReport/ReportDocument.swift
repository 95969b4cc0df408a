/// A report laid out for people: titled sections of facts and tables. Every text format renders
/// this one structure, so a figure reads the same in the terminal, in Markdown and in CSV.
public struct ReportDocument: Sendable {
    public var title: String
    public var subtitle: String
    public var sections: [Section]
    /// Pictures of the report's key numbers, drawn by the HTML renderer above the sections; the
    /// text formats leave them out (their numbers are in the sections or in the chart's own table).
    public var charts: [Chart]

    public init(title: String, subtitle: String, sections: [Section], charts: [Chart] = []) {
        self.title = title
        self.subtitle = subtitle
        self.sections = sections
        self.charts = charts
    }

    public struct Section: Sendable {
        /// Shown as the heading.
        public var title: String
        /// A stable machine name (`summary`, `channels`), the CSV's `section` column.
        public var key: String
        /// One sentence saying what the section means, under the heading.
        public var note: String?
        public var content: Content

        public init(title: String, key: String, note: String? = nil, content: Content) {
            self.title = title
            self.key = key
            self.note = note
            self.content = content
        }
    }

    public enum Content: Sendable {
        /// Label/value pairs.
        case facts([Fact])
        /// Rows of cells under columns; the first column names the row.
        case table(columns: [Column], rows: [[Cell]])
    }

    public struct Fact: Sendable {
        public var label: String
        public var key: String
        public var value: Cell

        public init(_ label: String, key: String, _ value: Cell) {
            self.label = label
            self.key = key
            self.value = value
        }
    }

    public struct Column: Sendable {
        public var title: String
        public var key: String
        public var alignRight: Bool

        public init(_ title: String, key: String, alignRight: Bool = true) {
            self.title = title
            self.key = key
            self.alignRight = alignRight
        }
    }

    /// A value as people read it (`2h 05m`) and as machines read it (`7500`).
    public struct Cell: Sendable {
        public var display: String
        public var raw: String

        public init(display: String, raw: String) {
            self.display = display
            self.raw = raw
        }

        public static func text(_ value: String) -> Cell { Cell(display: value, raw: value) }
        public static func int(_ value: Int) -> Cell { Cell(display: ValueFormat.grouped(value), raw: String(value)) }
        public static func decimal(_ value: Double, places: Int = 1) -> Cell {
            Cell(display: ValueFormat.fixed(value, places: places), raw: ValueFormat.fixed(value, places: 4))
        }
        public static func percent(_ share: Double) -> Cell {
            Cell(display: ValueFormat.fixed(share * 100, places: 1) + "%", raw: ValueFormat.fixed(share, places: 4))
        }
        public static func seconds(_ value: Double?) -> Cell {
            guard let value else { return Cell(display: "–", raw: "") }
            return Cell(display: ValueFormat.duration(value), raw: ValueFormat.fixed(value, places: 3))
        }
    }
}
