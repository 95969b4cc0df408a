/// A problem with `heartbeat.toml`: where it is and how to fix it.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The settings file as the user named it (or found it).
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        (line.map { "\(file):\($0): " } ?? "\(file): ") + message
    }
}
