/// How an import behaves when something is wrong.
public struct ImportOptions: Sendable {
    /// Off (the default): the first bad file aborts the import and the store is left exactly as it
    /// was. On (`--skip-bad-files`): bad day files are skipped, listed in the summary with why, and
    /// everything else is imported.
    public var skipBadFiles: Bool
    /// Overrides the workspace name taken from the export's file name.
    public var workspaceName: String?
    /// How many day files are read before they are parsed in parallel and written.
    public var batchSize: Int
    /// A batch also ends once its files hold this many bytes, so that memory stays the same when
    /// an export's day files grow (a busier workspace), not only when there are more of them.
    public var batchBytes: Int64

    public init(skipBadFiles: Bool = false, workspaceName: String? = nil, batchSize: Int = 64, batchBytes: Int64 = 1 << 20) {
        self.skipBadFiles = skipBadFiles
        self.workspaceName = workspaceName
        self.batchSize = max(1, batchSize)
        self.batchBytes = max(1, batchBytes)
    }
}
