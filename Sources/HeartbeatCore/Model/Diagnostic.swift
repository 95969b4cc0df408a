/// A recoverable problem found while importing: reported as `file:position: warning: message`
/// and never fatal. Messages name what was found, never message text or e-mail addresses.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case note, warning }

    public var severity: Severity
    /// A path inside the export (`general/2024-01-01.json`), or the export itself.
    public var file: String
    /// A human position such as `line 12, column 5` or `message [3]`; may be empty.
    public var position: String
    public var message: String

    public init(severity: Severity = .warning, file: String, position: String = "", message: String) {
        self.severity = severity
        self.file = file
        self.position = position
        self.message = message
    }

    public var description: String {
        "\(file)\(position.isEmpty ? "" : ": \(position)"): \(severity.rawValue): \(message)"
    }
}
