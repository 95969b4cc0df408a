import Foundation

/// Serialises a report's own structure: snake_case keys, sorted, pretty-printed, so the output is
/// stable across runs and diffs cleanly.
public enum JSONRenderer {
    public static func render<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
