import Foundation
import HTTPTypes
import HeartbeatServer
import Testing

/// The OpenAPI document must describe exactly what the server returns: every documented endpoint
/// is called, and each response is checked against its schema, strictly (required properties
/// present, types right, and no property the schema does not declare).
@Suite struct OpenAPITests {
    @Test func everyEndpointReturnsWhatTheDocumentSays() async throws {
        let (dashboard, store) = try await DashboardFixture.make()
        var client = DashboardClient(dashboard: dashboard)
        client.token = try await DashboardFixture.token(for: "ada", in: store)
        let document = try #require(try await client.get("/api/v1/openapi.json").json as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: Any])
        #expect(paths.count == 18, "13 reports, the member list, a member, the submission list, a submission and the page-view collector")
        var checked = 0
        for (template, item) in paths {
            // The page-view collector is POST only (CollectTests checks it).
            guard let get = (item as? [String: Any])?["get"] as? [String: Any] else {
                #expect(template == "/api/v1/collect")
                continue
            }
            let responses = try #require(get["responses"] as? [String: Any])
            let ok = try #require(responses["200"] as? [String: Any])
            let schema = try #require(((ok["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"])
            // The submission list refuses report filters (a period would look applied when it is not).
            for query in ["", template == "/api/v1/submissions" ? "?open=1&tag=ios" : "?all=1"] {
                let path = template.replacingOccurrences(of: "{id}", with: "1") + query
                let reply = try await client.get(path)
                #expect(reply.status == .ok, "\(path)")
                let body = try #require(JSONScalar.parse(reply.body), "\(path) did not return JSON")
                let problems = SchemaCheck(document: document).problems(body, against: schema, at: path)
                #expect(problems.isEmpty, "\(path):\n\(problems.prefix(10).joined(separator: "\n"))")
                checked += 1
            }
            // Errors have the documented shape too.
            let bad = try await client.get(template.replacingOccurrences(of: "{id}", with: "x") + "?since=nope&page=0")
            #expect(bad.status == .badRequest)
            let errorSchema: Any = ["$ref": "#/components/schemas/Error"]
            #expect(SchemaCheck(document: document).problems(JSONScalar.parse(bad.body) ?? [:], against: errorSchema, at: template).isEmpty)
        }
        #expect(checked == 34)
    }

    @Test func theCheckerCatchesAMismatch() throws {
        let document: [String: Any] = ["components": ["schemas": [:]]]
        let schema: [String: Any] = [
            "type": "object", "required": ["a"], "properties": ["a": ["type": "integer"], "b": ["type": ["string", "null"]]],
        ]
        let check = SchemaCheck(document: document)
        #expect(check.problems(JSONScalar.parse(#"{"a": 1, "b": null}"#)!, against: schema, at: "$").isEmpty)
        #expect(check.problems(JSONScalar.parse(#"{"a": true}"#)!, against: schema, at: "$") == ["$.a: expected integer, got boolean"])
        #expect(check.problems(JSONScalar.parse(#"{"a": 1.5}"#)!, against: schema, at: "$") == ["$.a: expected integer, got number"])
        #expect(check.problems(["b": "x"], against: schema, at: "$") == ["$: missing required 'a'"])
        #expect(check.problems(["a": "1"], against: schema, at: "$") == ["$.a: expected integer, got string"])
        #expect(check.problems(["a": 1, "c": 2], against: schema, at: "$") == ["$: undeclared property 'c'"])
    }
}

/// A strict JSON Schema check for the subset our documents use: `$ref`, `type` (one or a list),
/// `properties`, `required`, `items`, `enum`, `anyOf`.
struct SchemaCheck {
    let document: [String: Any]

    func resolve(_ schema: Any) -> [String: Any] {
        guard let object = schema as? [String: Any] else { return [:] }
        if let ref = object["$ref"] as? String {
            var node: Any = document
            for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] ?? [:] }
            return resolve(node)
        }
        return object
    }

    func typeName(_ value: Any) -> String {
        switch value {
        case is NSNull: "null"
        case is JSONScalar.Boolean: "boolean"
        case is Int, is Int64: "integer"
        case is Double: "number"
        case is String: "string"
        case is [Any]: "array"
        case is [String: Any]: "object"
        default: "unknown"
        }
    }

    func problems(_ value: Any, against raw: Any, at path: String) -> [String] {
        let schema = resolve(raw)
        if let options = schema["anyOf"] as? [Any] {
            return options.contains { problems(value, against: $0, at: path).isEmpty } ? [] : ["\(path): matches no anyOf option"]
        }
        let actual = typeName(value)
        if let declared = schema["type"] {
            let allowed = (declared as? [String]) ?? [declared as? String ?? ""]
            let fits = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !fits { return ["\(path): expected \(allowed.joined(separator: "|")), got \(actual)"] }
        }
        if let cases = schema["enum"] as? [String], let string = value as? String, !cases.contains(string) {
            return ["\(path): '\(string)' is not one of \(cases)"]
        }
        var found: [String] = []
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { found.append("\(path): missing required '\(key)'") }
            for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                guard let propertySchema = properties[key] else {
                    found.append("\(path): undeclared property '\(key)'")
                    continue
                }
                found += problems(member, against: propertySchema, at: "\(path).\(key)")
            }
        }
        if let array = value as? [Any], let items = schema["items"] {
            for (index, element) in array.enumerated() { found += problems(element, against: items, at: "\(path)[\(index)]") }
        }
        return found
    }
}

/// JSON parsed so that booleans, integers and fractions stay apart (Foundation's
/// JSONSerialization gives NSNumber for all three on Linux).
enum JSONScalar: Decodable {
    struct Boolean { var value: Bool }
    case value(Any)

    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [Any] = []
            while !array.isAtEnd { if case .value(let item) = try array.decode(JSONScalar.self) { items.append(item) } }
            self = .value(items)
            return
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: Any] = [:]
            for key in object.allKeys { if case .value(let item) = try object.decode(JSONScalar.self, forKey: key) { members[key.stringValue] = item } }
            self = .value(members)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .value(NSNull()) }
        else if let bool = try? single.decode(Bool.self) { self = .value(Boolean(value: bool)) }
        else if let int = try? single.decode(Int64.self) { self = .value(int) }
        else if let double = try? single.decode(Double.self) { self = .value(double) }
        else { self = .value(try single.decode(String.self)) }
    }

    static func parse(_ text: String) -> Any? {
        guard case .value(let value)? = try? JSONDecoder().decode(JSONScalar.self, from: Data(text.utf8)) else { return nil }
        return value
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
