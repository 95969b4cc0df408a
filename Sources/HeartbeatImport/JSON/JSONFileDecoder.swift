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

extension JSONFileDecoder {
    /// Reads a top-level JSON array with `read` (a byte-level reader such as `SlackUserReader`) in
    /// `parts` slices on as many threads: a large workspace's `users.json` (23 MB for 50,000
    /// members) is read at the start of every import. Any error is reported by reading the whole
    /// file again, so its position is the file's own.
    static func readArray<T: Sendable>(
        from data: Data, path: String, parts: Int, read: @Sendable (Data, String) throws -> [T]
    ) throws -> [T] {
        let slices = JSONArraySlices.split(data, parts: parts)
        guard slices.count > 1 else { return try read(data, path) }
        let decoded = ParallelMap.map(slices) { slice in try? read(slice, path) }
        guard decoded.allSatisfy({ $0 != nil }) else { return try read(data, path) }
        return decoded.flatMap { $0! }
    }
}

/// Cuts a JSON array into smaller arrays at element boundaries (commas outside strings, objects
/// and nested arrays), each a valid JSON array of consecutive elements.
enum JSONArraySlices {
    static func split(_ data: Data, parts: Int) -> [Data] {
        guard parts > 1, data.count > 1 << 20 else { return [data] }
        var cuts: [Int] = []
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var depth = 0
            var inString = false
            var index = 0
            var nextTarget = bytes.count / parts
            while index < bytes.count {
                let byte = bytes[index]
                if inString {
                    if byte == UInt8(ascii: "\\") {
                        index += 1
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                    case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                    case UInt8(ascii: ","):
                        if depth == 1, index >= nextTarget {
                            cuts.append(data.startIndex + index)
                            nextTarget = bytes.count * (cuts.count + 1) / parts
                        }
                    default: break
                    }
                }
                index += 1
            }
        }
        guard !cuts.isEmpty, let open = data.firstIndex(of: UInt8(ascii: "[")),
            let close = data.lastIndex(of: UInt8(ascii: "]"))
        else { return [data] }
        var slices: [Data] = []
        var start = open + 1
        for cut in cuts + [close] {
            var slice = Data([UInt8(ascii: "[")])
            slice.append(data[start..<cut])
            slice.append(UInt8(ascii: "]"))
            slices.append(slice)
            start = cut + 1
        }
        return slices
    }
}
