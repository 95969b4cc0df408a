/// A value read from a TOML document. Heartbeat's settings file is small, so the parsed document is
/// plain values; `TOMLTable` keeps the line of every key so a wrong setting is reported where it is.
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    case array([TOMLValue])
    case table(TOMLTable)

    /// The TOML type name, for error messages ("expected a string, found an integer").
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .bool: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

/// A TOML table: keys in document order, each with the line it was defined on (1-based).
public struct TOMLTable: Sendable, Equatable {
    public private(set) var keys: [String] = []
    public private(set) var values: [String: TOMLValue] = [:]
    public private(set) var lines: [String: Int] = [:]
    /// Whether the table was opened explicitly with a `[header]` (TOML forbids doing that twice).
    var isExplicit = false
    /// Whether an inline table (`{ … }`), which TOML forbids extending later.
    var isInline = false

    public init() {}

    public subscript(key: String) -> TOMLValue? { values[key] }

    mutating func set(_ key: String, _ value: TOMLValue, line: Int) {
        if values[key] == nil { keys.append(key) }
        values[key] = value
        lines[key] = line
    }
}
