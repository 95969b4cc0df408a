import HeartbeatCore

/// One file inside an export, with its path relative to the archive or folder root (`/`-separated).
public struct ExportEntry: Sendable, Hashable {
    public var path: String
    public var size: Int64
    /// Known without reading the content for zip entries (the central directory's CRC-32); `nil`
    /// for folder files, whose fingerprint is computed from the bytes once read.
    public var knownFingerprint: FileFingerprint?

    public init(path: String, size: Int64, knownFingerprint: FileFingerprint?) {
        self.path = path
        self.size = size
        self.knownFingerprint = knownFingerprint
    }
}
