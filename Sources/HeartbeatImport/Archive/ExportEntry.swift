import HeartbeatCore

/// One file inside an export, with its path relative to the archive or folder root (`/`-separated).
public struct ExportEntry: Sendable, Hashable {
    public var path: String
    public var size: Int64
    /// Known without reading the content for zip entries (the central directory's CRC-32); `nil`
    /// for folder files, whose fingerprint is computed from the bytes once read.
    public var knownFingerprint: FileFingerprint?
    /// Modification time in nanoseconds since 1970, for files in a folder (from `stat`).
    public var modified: Int64?

    public init(path: String, size: Int64, knownFingerprint: FileFingerprint?, modified: Int64? = nil) {
        self.path = path
        self.size = size
        self.knownFingerprint = knownFingerprint
        self.modified = modified
    }

    /// Whether this is, without reading it, the file the store recorded under the same key: the
    /// zip's CRC-32 equals the recorded one, or size and modification time are those recorded.
    public func isUnchanged(comparedWith recorded: RecordedSource?) -> Bool {
        guard let recorded else { return false }
        if let knownFingerprint { return knownFingerprint == recorded.fingerprint }
        return recorded.matches(size: size, modified: modified)
    }
}
