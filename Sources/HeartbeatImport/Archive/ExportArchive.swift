import Foundation
import HeartbeatCore
import ZIPFoundation

/// Read access to an export as downloaded (a `.zip`) or unzipped (a folder), one file at a time so
/// that memory does not grow with the size of the export.
public protocol ExportArchive: AnyObject {
    /// The path the user gave.
    var location: String { get }
    /// Every regular file, in a stable order.
    var entries: [ExportEntry] { get }
    /// The whole content of one entry.
    func read(_ entry: ExportEntry) throws -> Data
    /// Whether `read` may be called from several threads at once (a folder), so that files are
    /// read by the parsing workers instead of the single writer. A zip reader keeps one file
    /// position and must be read from one thread.
    var supportsConcurrentReads: Bool { get }
}

extension ExportArchive {
    public var supportsConcurrentReads: Bool { false }

    /// The fingerprint of an entry whose bytes were just read: the same CRC-32 a zip records, so a
    /// zipped and an unzipped copy of one export are recognised as the same files.
    func fingerprint(of entry: ExportEntry, data: Data) -> FileFingerprint {
        if let known = entry.knownFingerprint { return known }
        return FileFingerprint.crc32(of: data)
    }
}

extension FileFingerprint {
    static func crc32(of data: Data) -> FileFingerprint {
        FileFingerprint(size: Int64(data.count), checksum: crc32Text(CRC32.checksum(data)))
    }

    static func crc32Text(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "crc32:" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}

/// Opens `path` as a zip archive or a folder, whichever it is.
public func openExportArchive(at path: String) throws -> any ExportArchive {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw ImportError.exportNotFound(path)
    }
    if isDirectory.boolValue { return try DirectoryExportArchive(path: path) }
    return try ZipExportArchive(path: path)
}
