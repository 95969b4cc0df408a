import HeartbeatCore

/// What an import did, for the CLI's closing lines and for tests.
public struct ImportSummary: Sendable {
    public var workspace: Workspace
    public var identities: Int
    public var spaces: Int
    /// Day files in the export.
    public var dayFiles: Int
    /// Day files parsed and written because they were new or changed.
    public var dayFilesImported: Int
    /// Day files skipped because their fingerprint matched the last import.
    public var dayFilesUnchanged: Int
    /// Day files skipped with `--skip-bad-files`, with why.
    public var skipped: [ImportError]
    /// Activities written by this import (0 when nothing changed).
    public var activitiesWritten: Int
    public var diagnostics: [Diagnostic]
    public var bytesRead: Int64
    public var secondsElapsed: Double

    public init(workspace: Workspace) {
        self.workspace = workspace
        identities = 0
        spaces = 0
        dayFiles = 0
        dayFilesImported = 0
        dayFilesUnchanged = 0
        skipped = []
        activitiesWritten = 0
        diagnostics = []
        bytesRead = 0
        secondsElapsed = 0
    }
}
