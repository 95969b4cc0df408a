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

    public init(skipBadFiles: Bool = false, workspaceName: String? = nil, batchSize: Int = 64) {
        self.skipBadFiles = skipBadFiles
        self.workspaceName = workspaceName
        self.batchSize = max(1, batchSize)
    }
}
