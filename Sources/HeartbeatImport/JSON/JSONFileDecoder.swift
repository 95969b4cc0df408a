import Foundation
import HeartbeatCore

/// Decodes one JSON file of an export into `T`, turning any failure into an `ImportError` that names
/// the file, the line and column, the element (`[3].reactions[0].count`) and what was expected.
enum JSONFileDecoder {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw describe(error, data: data, path: path)
        }
    }

    static func describe(_ error: DecodingError, data: Data, path: String) -> ImportError {
        let bytes = Array(data)
        if let malformed = JSONSyntaxLocator.malformedError(in: bytes, path: path) { return malformed }
        var locator = JSONSyntaxLocator(bytes)
        _ = locator.firstError()  // records where the top-level elements start
        let codingPath: [any CodingKey]
        let detail: String
        switch error {
        case .typeMismatch(let type, let context):
            codingPath = context.codingPath
            detail = "expected \(describe(type)); \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            codingPath = context.codingPath
            detail = "expected \(describe(type)), found null"
        case .keyNotFound(let key, let context):
            codingPath = context.codingPath + [key]
            detail = "required field `\(key.stringValue)` is missing"
        case .dataCorrupted(let context):
            codingPath = context.codingPath
            detail = context.debugDescription
        @unknown default:
            codingPath = []
            detail = "\(error)"
        }
        let element = codingPath.first?.intValue
        var position = element.flatMap { locator.position(ofElement: $0) } ?? ""
        let pathText = render(codingPath)
        if !pathText.isEmpty { position += (position.isEmpty ? "" : " ") + "at \(pathText)" }
        return .unexpectedValue(path, position: position, detail: detail)
    }

    static func render(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return name
        }
    }
}
