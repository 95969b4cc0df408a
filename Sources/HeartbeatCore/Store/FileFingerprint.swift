/// What identifies the content of one source file (a Slack day file, users.json): its size and a
/// checksum. Re-ingesting a file whose fingerprint is unchanged is skipped entirely.
public struct FileFingerprint: Sendable, Hashable, Codable, CustomStringConvertible {
    public var size: Int64
    /// `crc32:xxxxxxxx` when taken from a zip's central directory (no decompression needed), or
    /// `crc32:…` computed over the bytes of a file in a folder: the same value either way.
    public var checksum: String

    public init(size: Int64, checksum: String) {
        self.size = size
        self.checksum = checksum
    }

    public var description: String { "\(size) bytes, \(checksum)" }
}

/// One file of an export as recorded in the store's provenance table.
public struct SourceFile: Sendable, Hashable {
    /// Stable key within a workspace, independent of renames: Slack `<channel id>/<YYYY-MM-DD>`.
    public var key: String
    /// Path inside the export, for messages (`general/2024-01-01.json`).
    public var path: String
    public var fingerprint: FileFingerprint

    public init(key: String, path: String, fingerprint: FileFingerprint) {
        self.key = key
        self.path = path
        self.fingerprint = fingerprint
    }
}
