import Foundation

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
    /// The file's modification time in nanoseconds since 1970, when it came from a folder: with
    /// the size, it tells an unchanged file on the next import without reading it.
    public var modified: Int64?
    /// A small document kept with the record, for the importer that wrote it: an export folder's
    /// listing file by file (`SlackExportListing`). `nil` for the files of an export.
    public var contents: Data?

    public init(key: String, path: String, fingerprint: FileFingerprint, modified: Int64? = nil, contents: Data? = nil) {
        self.key = key
        self.path = path
        self.fingerprint = fingerprint
        self.modified = modified
        self.contents = contents
    }
}

/// What the store recorded about a source file at its last import.
public struct RecordedSource: Sendable, Hashable {
    public var fingerprint: FileFingerprint
    /// Modification time (nanoseconds) of the file then, if it came from a folder.
    public var modified: Int64?
    /// When it was recorded (microseconds since 1970).
    public var recordedAt: Int64

    public init(fingerprint: FileFingerprint, modified: Int64?, recordedAt: Int64) {
        self.fingerprint = fingerprint
        self.modified = modified
        self.recordedAt = recordedAt
    }

    /// Whether a file of `size` bytes modified at `modified` is, without reading it, the file
    /// recorded: same size and same nanosecond modification time, the test `make`, `rsync` and
    /// git's index rely on. Like git, a file modified less than two seconds before it was
    /// recorded is not trusted ("racily clean"): it could have been rewritten within the file
    /// system's timestamp granularity after being read, so it is read again.
    public func matches(size: Int64, modified: Int64?) -> Bool {
        guard let modified, let recorded = self.modified, recorded == modified, fingerprint.size == size else {
            return false
        }
        return recorded / 1000 < recordedAt - 2_000_000
    }
}
