import Foundation
import HeartbeatCore

extension FileFingerprint {
    /// The fingerprint of a file on disk, read in chunks (a GH Archive hour is tens of megabytes):
    /// its size and the CRC-32 of its bytes as stored (compressed when it is gzip), the same
    /// checksum a folder export's files get.
    static func ofFile(atPath path: String) throws -> FileFingerprint {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
            let handle = FileHandle(forReadingAtPath: path)
        else {
            throw ImportError.input(path, line: nil, "no such file, or it cannot be opened; check the path and permissions.")
        }
        defer { try? handle.close() }
        var crc: UInt32 = 0
        var size: Int64 = 0
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                throw ImportError.input(path, line: nil, "cannot be read (\(error.localizedDescription)).")
            }
            guard let chunk, !chunk.isEmpty else { break }
            crc = chunk.withUnsafeBytes { CRC32.checksum($0, continuing: crc) }
            size += Int64(chunk.count)
        }
        return FileFingerprint(size: size, checksum: crc32Text(crc))
    }
}
