import NIOCore

/// A one-dimensional PostgreSQL array as it arrives in the binary wire format, read element by
/// element. The snapshot loader asks the server for a column's values as one `array_agg` cell
/// instead of one row per activity: postgres-nio spends about a microsecond of client work on
/// each row it receives, so a million rows cost more than the server's whole scan, while an array
/// of a million integers is a single message read here with plain loads.
///
/// Layout (PostgreSQL's `array_send`): dimensions, has-nulls flag, element type, then per
/// dimension its length and lower bound, then per element a 4-byte length (-1 for NULL) and the
/// element's bytes (big-endian integers, a one-byte boolean, UTF-8 text).
struct PostgresWireArray {
    /// How many elements the array holds.
    let count: Int
    private let bytes: [UInt8]
    private var offset: Int

    /// Reads the header of `cell`; a NULL cell (the aggregate of no rows) is an empty array.
    init(_ cell: ByteBuffer?) throws(PostgresWireArrayError) {
        guard var buffer = cell else {
            (count, bytes, offset) = (0, [], 0)
            return
        }
        bytes = buffer.readBytes(length: buffer.readableBytes) ?? []  // one copy: plain loads after
        offset = 0
        guard bytes.count >= 12 else { throw PostgresWireArrayError(reason: "a header of \(bytes.count) bytes") }
        let dimensions = Self.int32(bytes, at: 0)
        switch dimensions {
        case 0:
            count = 0
            offset = 12
        case 1:
            guard bytes.count >= 20 else { throw PostgresWireArrayError(reason: "no room for its dimension") }
            count = Int(Self.int32(bytes, at: 12))
            offset = 20
        default:
            throw PostgresWireArrayError(reason: "\(dimensions) dimensions, not one")
        }
    }

    /// The next element as an integer (an `int8`, `int4` or `int2` array); nil for NULL.
    @inline(__always)
    mutating func nextInt64() -> Int64? {
        let length = Int(Self.int32(bytes, at: offset))
        offset += 4
        guard offset + length <= bytes.count else { return nil }
        defer { offset += max(length, 0) }
        switch length {
        case 8: return bytes.withUnsafeBytes { Int64(bigEndian: $0.loadUnaligned(fromByteOffset: offset, as: Int64.self)) }
        case 4: return Int64(Self.int32(bytes, at: offset))
        case 2: return Int64(bytes.withUnsafeBytes { Int16(bigEndian: $0.loadUnaligned(fromByteOffset: offset, as: Int16.self)) })
        default: return nil
        }
    }

    /// The next element of a `bool` array; NULL reads as false.
    @inline(__always)
    mutating func nextBool() -> Bool {
        let length = Int(Self.int32(bytes, at: offset))
        offset += 4
        guard length > 0, offset + length <= bytes.count else { return false }
        defer { offset += length }
        return bytes[offset] != 0
    }

    /// The next element of a `text` array; NULL reads as the empty string.
    mutating func nextString() -> String {
        let length = Int(Self.int32(bytes, at: offset))
        offset += 4
        guard length > 0, offset + length <= bytes.count else { return "" }
        defer { offset += length }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }

    /// Steps over the next element, whatever its type.
    mutating func skip() {
        let length = Int(Self.int32(bytes, at: offset))
        offset += 4 + max(length, 0)
    }

    /// The next element of a `text` array; nil for NULL.
    mutating func nextOptionalString() -> String? {
        guard Self.int32(bytes, at: offset) >= 0 else {
            offset += 4
            return nil
        }
        return nextString()
    }

    /// Every element of a `text` array, NULL as the empty string.
    mutating func strings() -> [String] { (0..<count).map { _ in nextString() } }

    /// Every element of a `text` array.
    mutating func optionalStrings() -> [String?] { (0..<count).map { _ in nextOptionalString() } }

    /// Every element of a `bool` array, NULL as false.
    mutating func bools() -> [Bool] { (0..<count).map { _ in nextBool() } }

    /// Every element as integers, with `null` for NULL.
    mutating func int64s(null: Int64) -> [Int64] {
        var values = [Int64]()
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(nextInt64() ?? null) }
        return values
    }

    @inline(__always)
    private static func int32(_ bytes: [UInt8], at offset: Int) -> Int32 {
        guard offset + 4 <= bytes.count else { return -1 }  // past the end: reads as NULL
        return bytes.withUnsafeBytes { Int32(bigEndian: $0.loadUnaligned(fromByteOffset: offset, as: Int32.self)) }
    }
}

/// An array cell that is not the one-dimensional array the loader asked for: a server or
/// protocol mismatch, not anything the user's data can cause.
struct PostgresWireArrayError: Error, CustomStringConvertible {
    let reason: String
    var description: String { "PostgreSQL sent an array the loader cannot read: \(reason)" }
}
