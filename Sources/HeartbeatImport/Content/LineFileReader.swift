import CGzip
import Foundation

/// Reads a text file line by line without loading it, whether plain or gzip-compressed (zlib
/// reads both, so `access.log` and `access.log.2.gz` need no flag). A truncated or damaged gzip
/// file is an error naming the file and the last line read, never a silently short import.
final class LineFileReader {
    let path: String
    private let file: gzFile
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var finished = false
    /// 1-based number of the line last returned.
    private(set) var lineNumber = 0
    /// Bytes of text returned so far (after decompression).
    private(set) var bytesRead = 0

    init(path: String, bufferSize: Int = 1 << 18) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw ImportError.input(path, line: nil, "no such file; check the path.")
        }
        guard let file = gzopen(path, "rb") else {
            throw ImportError.input(path, line: nil, "cannot be opened; check the permissions.")
        }
        self.path = path
        self.file = file
        gzbuffer(file, UInt32(bufferSize))
        buffer = [UInt8](repeating: 0, count: bufferSize)
    }

    deinit { gzclose(file) }

    /// Calls `body` with each line (without its line break; a trailing CR is dropped too).
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        while true {
            // Find the next line break in what is buffered.
            var found: Int? = nil
            buffer.withUnsafeBufferPointer { bytes in
                var index = start
                while index < end {
                    if bytes[index] == 0x0A {
                        found = index
                        return
                    }
                    index += 1
                }
            }
            if let lineEnd = found {
                try emit(from: start, to: lineEnd, body)
                start = lineEnd + 1
                continue
            }
            if finished {
                if start < end { try emit(from: start, to: end, body) }
                start = end
                return
            }
            try refill()
        }
    }

    private func emit(from: Int, to: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        lineNumber += 1
        bytesRead += to - from + 1
        var stop = to
        if stop > from && buffer[stop - 1] == 0x0D { stop -= 1 }
        try buffer.withUnsafeBufferPointer { bytes in
            try body(UnsafeBufferPointer(rebasing: bytes[from..<stop]))
        }
    }

    private func refill() throws {
        // Keep the partial line, and grow the buffer if one line fills it.
        if start > 0 {
            let remaining = end - start
            if remaining > 0 {
                buffer.withUnsafeMutableBufferPointer { bytes in
                    _ = memmove(bytes.baseAddress!, bytes.baseAddress! + start, remaining)
                }
            }
            end = remaining
            start = 0
        }
        if end == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
        let room = buffer.count - end
        let read = buffer.withUnsafeMutableBufferPointer { bytes in
            gzread(file, bytes.baseAddress! + end, UInt32(room))
        }
        if read < 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
            throw ImportError.input(
                path, line: lineNumber + 1,
                "cannot be read past line \(lineNumber) (\(message)); a compressed file may be truncated — copy it again.")
        }
        if read == 0 {
            // zlib reports a gzip stream cut short only as an end of input; check it said so cleanly.
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? ""
            if code != Z_OK && code != Z_STREAM_END {
                throw ImportError.input(
                    path, line: lineNumber + 1,
                    "ends unexpectedly after line \(lineNumber) (\(message)); the compressed file is truncated — copy it again.")
            }
            finished = true
        }
        end += Int(read)
    }

    /// The whole file, decompressed when it is gzip.
    static func readAll(path: String) throws -> [UInt8] {
        let reader = try LineFileReader(path: path)
        var bytes: [UInt8] = []
        try reader.forEachLine { line in
            bytes.append(contentsOf: line)
            bytes.append(0x0A)
        }
        return bytes
    }
}
