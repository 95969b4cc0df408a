import Foundation
import Testing

@testable import HeartbeatImport

/// `users.json` is decoded in slices on several threads: the slices must hold exactly the
/// elements of the whole array, in order, whatever commas and brackets the strings contain.
@Suite struct JSONArraySlicesTests {
    struct Element: Codable, Equatable, Sendable {
        var id: Int
        var text: String
        var nested: [String: [Int]]
    }

    @Sendable static func decode(_ data: Data, path: String) throws -> [Element] {
        try JSONFileDecoder.decode([Element].self, from: data, path: path)
    }

    @Test func slicesHoldEveryElementInOrder() throws {
        let elements = (0..<16_000).map { index in
            Element(id: index, text: "a, \"quoted\" ] } [ { \\ , \(index)", nested: ["k,\(index)": [index, index + 1]])
        }
        let data = try JSONEncoder().encode(elements)
        #expect(data.count > 1 << 20)
        let slices = JSONArraySlices.split(data, parts: 3)
        #expect(slices.count == 3)
        let decoded = try slices.flatMap { try JSONDecoder().decode([Element].self, from: $0) }
        #expect(decoded == elements)
        #expect(try JSONFileDecoder.readArray(from: data, path: "x.json", parts: 2, read: Self.decode) == elements)
    }

    @Test func brokenFileIsReportedWithItsOwnPosition() throws {
        var text = String(decoding: try JSONEncoder().encode((0..<30_000).map { Element(id: $0, text: "t", nested: [:]) }), as: UTF8.self)
        text.removeLast(40)
        #expect(throws: ImportError.self) {
            try JSONFileDecoder.readArray(from: Data(text.utf8), path: "users.json", parts: 2, read: Self.decode)
        }
    }
}
