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
    /// Where each text ends (the separator after it, or the end): found once, in `init`.
    private let ends: [Int]
    private var index = 0

    /// The texts of a chunk of `count` rows; nil when they do not split into `count` (a text
    /// holds the separator).
    init?(_ cell: ByteBuffer?, count: Int) {
        guard var buffer = cell else {
            guard count == 0 else { return nil }
            (bytes, ends) = ([], [])
            return
        }
        bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        var ends: [Int] = []
        ends.reserveCapacity(count)
        for (position, byte) in bytes.enumerated() where byte == Self.separator { ends.append(position) }
        ends.append(bytes.count)
        guard ends.count == count else { return nil }
        self.ends = ends
    }

    /// The next text (an empty text reads as the empty string).
    mutating func next() -> String {
        guard index < ends.count else { return "" }
        let start = index == 0 ? 0 : ends[index - 1] + 1
        defer { index += 1 }
        return String(decoding: bytes[start..<ends[index]], as: UTF8.self)
    }

    /// Steps over the next text.
    mutating func skip() { index += 1 }
}
