import HeartbeatCore

/// Derives the JSON Schema of a `Decodable` type by letting the type decode itself from a
/// recording decoder: every key it asks for becomes a property (snake_case, as the JSON output
/// writes it), `decodeIfPresent` makes it optional and nullable, arrays record their element, and
/// string enums (`CaseIterable`) list their cases. The schema therefore follows the Swift types
/// without a second, hand-kept description that could drift from them.
public enum JSONSchemaBuilder {
    public static func schema<T: Decodable>(for type: T.Type) throws -> JSONValue {
        let box = SchemaBox()
        _ = try SchemaDecoder(box: box).decodeValue(T.self)
        return box.schema
    }

    /// Foundation's `convertToSnakeCase`: `averageDAU` → `average_dau`, `memberID` → `member_id`.
    public static func snakeCase(_ key: String) -> String {
        let characters = Array(key)
        var words: [String] = []
        var current = ""
        for (index, character) in characters.enumerated() {
            let isUpper = character.isUppercase
            if isUpper, !current.isEmpty {
                let previousUpper = characters[index - 1].isUppercase
                let nextLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if !previousUpper || nextLower {
                    words.append(current)
                    current = ""
                }
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }.joined(separator: "_")
    }
}

final class SchemaBox {
    var schema: JSONValue = .object([:])
}

struct SchemaDecoder: Decoder {
    let box: SchemaBox
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Decodes `T`, recording its schema in `box`; string enums are answered with their first case.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if let (values, first) = Self.enumCases(T.self) {
            box.schema = ["type": "string", "enum": .array(values.map { .string($0) })]
            return first
        }
        return try T(from: self)
    }

    static func enumCases<T>(_ type: T.Type) -> ([String], T)? {
        guard let iterable = type as? any CaseIterable.Type else { return nil }
        func all<C: CaseIterable>(_ type: C.Type) -> [Any] { Array(type.allCases) }
        let cases = all(iterable)
        let raw = cases.compactMap { ($0 as? any RawRepresentable)?.rawValue as? String }
        guard let first = cases.first as? T, raw.count == cases.count else { return nil }
        return (raw, first)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        box.schema = ["type": "object", "properties": .object([:]), "required": []]
        return KeyedDecodingContainer(KeyedSchemaContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedSchemaContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleSchemaContainer(box: box, codingPath: codingPath)
    }

    /// The schema and a placeholder value of a primitive type, or nil for anything else.
    static func primitive<T>(_ type: T.Type) -> (JSONValue, T)? {
        switch type {
        case is String.Type: return (["type": "string"], "" as! T)
        case is Bool.Type: return (["type": "boolean"], false as! T)
        case is Double.Type: return (["type": "number"], 0.0 as! T)
        case is Float.Type: return (["type": "number"], Float(0) as! T)
        case is Int.Type: return (["type": "integer"], 0 as! T)
        case is Int64.Type: return (["type": "integer"], Int64(0) as! T)
        case is Int32.Type: return (["type": "integer"], Int32(0) as! T)
        case is UInt.Type: return (["type": "integer"], UInt(0) as! T)
        case is Timestamp.Type: return (["type": "string", "format": "date-time"], Timestamp(microseconds: 0) as! T)
        case is CivilDate.Type: return (["type": "string", "format": "date"], CivilDate(dayNumber: 0) as! T)
        default: return nil
        }
    }

    /// The schema of `T` and a placeholder value.
    static func describe<T: Decodable>(_ type: T.Type, codingPath: [any CodingKey]) throws -> (JSONValue, T) {
        if let primitive = primitive(T.self) { return primitive }
        let box = SchemaBox()
        let value = try SchemaDecoder(box: box, codingPath: codingPath).decodeValue(T.self)
        return (box.schema, value)
    }
}

struct KeyedSchemaContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let box: SchemaBox
    var codingPath: [any CodingKey]
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    private func record(_ key: Key, _ schema: JSONValue, required: Bool) {
        guard case .object(var object) = box.schema, case .object(var properties) = object["properties"] ?? [:],
            case .array(var requiredKeys) = object["required"] ?? []
        else { return }
        let name = JSONSchemaBuilder.snakeCase(key.stringValue)
        var property = schema
        if !required, case .object(var members) = property {
            if case .string(let type)? = members["type"] {
                members["type"] = [.string(type), "null"]
            } else {
                property = ["anyOf": [property, ["type": "null"]]]
                members = [:]
            }
            if !members.isEmpty { property = .object(members) }
        }
        properties[name] = property
        if required { requiredKeys.append(.string(name)) }
        object["properties"] = .object(properties)
        object["required"] = .array(requiredKeys)
        box.schema = .object(object)
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (schema, value) = try SchemaDecoder.describe(T.self, codingPath: codingPath + [key])
        record(key, schema, required: true)
        return value
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        let (schema, value) = try SchemaDecoder.describe(T.self, codingPath: codingPath + [key])
        record(key, schema, required: false)
        return value
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(Wrapped<String>.self, forKey: key).value }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(Wrapped<Bool>.self, forKey: key).value }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(Wrapped<Double>.self, forKey: key).value }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(Wrapped<Int>.self, forKey: key).value }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(Wrapped<Int64>.self, forKey: key).value }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(Wrapped<Int32>.self, forKey: key).value }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeIfPresent(Wrapped<String>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeIfPresent(Wrapped<Bool>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodeIfPresent(Wrapped<Double>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeIfPresent(Wrapped<Int>.self, forKey: key)?.value }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decodeIfPresent(Wrapped<Int64>.self, forKey: key)?.value }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "nested containers are not described"))
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "nested containers are not described"))
    }
    func superDecoder() throws -> any Decoder { SchemaDecoder(box: SchemaBox(), codingPath: codingPath) }
    func superDecoder(forKey key: Key) throws -> any Decoder { SchemaDecoder(box: SchemaBox(), codingPath: codingPath) }
}

/// Routes the primitive overloads through the generic path that knows primitives.
private struct Wrapped<Value: Decodable>: Decodable {
    var value: Value
    init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Value.self) }
}

struct UnkeyedSchemaContainer: UnkeyedDecodingContainer {
    let box: SchemaBox
    var codingPath: [any CodingKey]
    var count: Int? { nil }
    var isAtEnd: Bool { decoded }
    var currentIndex: Int { decoded ? 1 : 0 }
    private var decoded = false

    init(box: SchemaBox, codingPath: [any CodingKey]) {
        self.box = box
        self.codingPath = codingPath
        box.schema = ["type": "array", "items": .object([:])]
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (schema, value) = try SchemaDecoder.describe(T.self, codingPath: codingPath)
        box.schema = ["type": "array", "items": schema]
        decoded = true
        return value
    }

    mutating func decodeIfPresent<T: Decodable>(_ type: T.Type) throws -> T? {
        let (schema, value) = try SchemaDecoder.describe(T.self, codingPath: codingPath)
        var items = schema
        if case .object(var members) = schema, case .string(let kind)? = members["type"] {
            members["type"] = [.string(kind), "null"]
            items = .object(members)
        }
        box.schema = ["type": "array", "items": items]
        decoded = true
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "nested containers are not described"))
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "nested containers are not described"))
    }
    mutating func superDecoder() throws -> any Decoder { SchemaDecoder(box: SchemaBox(), codingPath: codingPath) }
}

struct SingleSchemaContainer: SingleValueDecodingContainer {
    let box: SchemaBox
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (schema, value) = try SchemaDecoder.describe(T.self, codingPath: codingPath)
        box.schema = schema
        return value
    }
    func decode(_ type: String.Type) throws -> String { box.schema = ["type": "string"]; return "" }
    func decode(_ type: Bool.Type) throws -> Bool { box.schema = ["type": "boolean"]; return false }
    func decode(_ type: Double.Type) throws -> Double { box.schema = ["type": "number"]; return 0 }
    func decode(_ type: Int.Type) throws -> Int { box.schema = ["type": "integer"]; return 0 }
    func decode(_ type: Int64.Type) throws -> Int64 { box.schema = ["type": "integer"]; return 0 }
    func decode(_ type: Int32.Type) throws -> Int32 { box.schema = ["type": "integer"]; return 0 }
}
