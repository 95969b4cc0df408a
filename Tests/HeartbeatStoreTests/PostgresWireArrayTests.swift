import NIOCore
import Testing

@testable import HeartbeatStore

/// The reader of PostgreSQL's binary array format, on arrays laid out byte by byte as
/// `array_send` writes them (the round trip through a real server runs in every snapshot test
/// on the PostgreSQL store).
struct PostgresWireArrayTests {
    /// A one-dimensional array: header, then each element as a length (-1 for NULL) and its bytes.
    static func array(elementType: Int32, _ elements: [[UInt8]?]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(Int32(1), endianness: .big)  // dimensions
        buffer.writeInteger(Int32(elements.contains { $0 == nil } ? 1 : 0), endianness: .big)
        buffer.writeInteger(elementType, endianness: .big)
        buffer.writeInteger(Int32(elements.count), endianness: .big)
        buffer.writeInteger(Int32(1), endianness: .big)  // lower bound
        for element in elements {
            if let element {
                buffer.writeInteger(Int32(element.count), endianness: .big)
                buffer.writeBytes(element)
            } else {
                buffer.writeInteger(Int32(-1), endianness: .big)
            }
        }
        return buffer
    }

    static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    @Test func integersOfEitherWidthAndNulls() throws {
        var int8s = try PostgresWireArray(
            Self.array(elementType: 20, [Self.bigEndian(Int64(1) << 40), nil, Self.bigEndian(Int64(-7))]))
        #expect(int8s.count == 3)
        #expect(int8s.nextInt64() == 1 << 40)
        #expect(int8s.nextInt64() == nil)
        #expect(int8s.nextInt64() == -7)

        var int4s = try PostgresWireArray(Self.array(elementType: 23, [Self.bigEndian(Int32(5)), Self.bigEndian(Int32(-2))]))
        #expect(int4s.int64s(null: 0) == [5, -2])
    }

    @Test func textsBooleansAndSkipping() throws {
        var texts = try PostgresWireArray(
            Self.array(elementType: 25, [Array("héllo".utf8), nil, [], Array("zoë".utf8)]))
        #expect(texts.nextString() == "héllo")
        #expect(texts.nextOptionalString() == nil)
        texts.skip()
        #expect(texts.nextOptionalString() == "zoë")

        var bools = try PostgresWireArray(Self.array(elementType: 16, [[1], [0], nil]))
        #expect(bools.bools() == [true, false, false])
    }

    @Test func aNullCellIsEmptyAndAZeroDimensionArrayToo() throws {
        #expect(try PostgresWireArray(nil).count == 0)
        var empty = ByteBuffer()
        for value: Int32 in [0, 0, 20] { empty.writeInteger(value, endianness: .big) }
        #expect(try PostgresWireArray(empty).count == 0)
    }

    @Test func aMalformedArrayIsAnErrorOrReadsAsNulls() throws {
        var twoDimensions = ByteBuffer()
        for value: Int32 in [2, 0, 20, 1, 1, 1, 1] { twoDimensions.writeInteger(value, endianness: .big) }
        #expect(throws: PostgresWireArrayError.self) { try PostgresWireArray(twoDimensions) }
        #expect(throws: PostgresWireArrayError.self) { try PostgresWireArray(ByteBuffer(bytes: [0, 0, 0, 1])) }

        // A count larger than the elements sent: the missing ones read as NULL, never past the end.
        var short = Self.array(elementType: 20, [Self.bigEndian(Int64(3))])
        short.setInteger(Int32(3), at: 12, endianness: .big)
        var reader = try PostgresWireArray(short)
        #expect(reader.count == 3)
        #expect(reader.int64s(null: -1) == [3, -1, -1])
    }
}
