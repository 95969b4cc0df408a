import NIOCore

/// A chunk's message texts as one value, `string_agg(text, E'\x01')`, read back one text at a
/// time. The server builds one string with a copy per text where `array_agg(text)` calls a send
/// function and allocates per element: 36 ms instead of 56 ms for a chunk of 65,536 texts, the
/// larger part of what a report with texts (topics, organic, influence) costs over SQLite.
///
/// U+0001 is the separator: in UTF-8 the byte 0x01 is that character and nothing else, and no
/// message holds it in practice. When one does, the separators do not number one fewer than the
/// texts, `init` returns nil and the loader asks for that chunk's texts as an array.
struct PostgresJoinedTexts {
    static let separator: UInt8 = 0x01

    private let bytes: [UInt8]
    private var offset = 0

    /// The texts of a chunk of `count` rows; nil when they do not split into `count` (a text
    /// holds the separator).
    init?(_ cell: ByteBuffer?, count: Int) {
        guard var buffer = cell else {
            guard count == 0 else { return nil }
            bytes = []
            return
        }
        bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        var separators = 0
        bytes.withUnsafeBufferPointer { raw in
            for byte in raw where byte == Self.separator { separators += 1 }
        }
        guard count > 0, separators == count - 1 else { return nil }
    }

    /// The next text (an empty text reads as the empty string).
    mutating func next() -> String {
        let start = offset
        let end = nextSeparator()
        offset = end + 1
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Steps over the next text.
    mutating func skip() { offset = nextSeparator() + 1 }

    private func nextSeparator() -> Int {
        var position = offset
        while position < bytes.count, bytes[position] != Self.separator { position += 1 }
        return position
    }
}
