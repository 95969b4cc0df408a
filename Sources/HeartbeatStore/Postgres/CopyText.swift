import NIOCore

/// Rows for `COPY … FROM STDIN` in PostgreSQL's text format, written straight into a byte buffer:
/// columns separated by tabs, rows by newlines, `\N` for NULL, and backslash, tab, newline and
/// carriage return escaped. A bulk import sends a million rows this way in a few messages
/// instead of a million `INSERT`s.
struct CopyText {
    private(set) var buffer: ByteBuffer
    private(set) var rows = 0
    private var atRowStart = true

    init() { buffer = ByteBufferAllocator().buffer(capacity: 1 << 16) }

    var isEmpty: Bool { rows == 0 }
    var byteCount: Int { buffer.readableBytes }

    private mutating func separate() {
        if atRowStart {
            atRowStart = false
        } else {
            buffer.writeInteger(UInt8(ascii: "\t"))
        }
    }

    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        atRowStart = true
        rows += 1
    }

    mutating func null() {
        separate()
        buffer.writeInteger(UInt8(ascii: "\\"))
        buffer.writeInteger(UInt8(ascii: "N"))
    }

    mutating func int(_ value: Int64?) {
        guard let value else { return null() }
        separate()
        if value == 0 {
            buffer.writeInteger(UInt8(ascii: "0"))
            return
        }
        // Digits straight into the buffer, last first: no allocation per value (a million rows
        // have ten million integers).
        var magnitude = value.magnitude
        if value < 0 { buffer.writeInteger(UInt8(ascii: "-")) }
        var count = 0
        var probe = magnitude
        while probe > 0 {
            count += 1
            probe /= 10
        }
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { bytes in
            var index = count - 1
            while magnitude > 0 {
                bytes[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                index -= 1
            }
            return count
        }
    }

    mutating func bool(_ value: Bool?) {
        guard let value else { return null() }
        separate()
        buffer.writeInteger(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    mutating func text(_ value: String?) {
        guard var value else { return null() }
        separate()
        let written = value.withUTF8 { bytes in
            // Most text needs no escaping: copy it in one go.
            if !bytes.contains(where: { $0 == 0x5C || $0 < 0x20 }) {
                buffer.writeBytes(bytes)
                return true
            }
            return false
        }
        if written { return }
        for byte in value.utf8 {
            switch byte {
            case 0x5C: buffer.writeBytes([0x5C, 0x5C])
            case 0x09: buffer.writeBytes([0x5C, UInt8(ascii: "t")])
            case 0x0A: buffer.writeBytes([0x5C, UInt8(ascii: "n")])
            case 0x0D: buffer.writeBytes([0x5C, UInt8(ascii: "r")])
            case 0x00: continue  // PostgreSQL text cannot hold NUL
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// Takes the rows written so far, leaving this empty.
    mutating func take() -> ByteBuffer {
        let taken = buffer
        buffer = ByteBufferAllocator().buffer(capacity: 1 << 16)
        rows = 0
        atRowStart = true
        return taken
    }
}
