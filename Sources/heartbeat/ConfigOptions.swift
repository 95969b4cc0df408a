import ArgumentParser
import Foundation
import HeartbeatStore
import HeartbeatCore

/// `--config`: where the settings come from. Without it, `heartbeat.toml` beside the database is
/// read when it exists; otherwise every setting has its default.
struct ConfigOptions: ParsableArguments {
    @Option(help: "Settings file (default: heartbeat.toml beside the --db file, if present).")
    var config: String?

    func load(besideDatabase database: String) throws -> HeartbeatConfig {
        let path: String
        if let config {
            guard FileManager.default.fileExists(atPath: config) else {
                throw ValidationError("--config \(config): no such file.")
            }
            path = config
        } else {
            // Beside a SQLite file; for a database server, in the current directory.
            let directory =
                StoreOpener.isPostgres(database)
                ? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                : URL(fileURLWithPath: database).deletingLastPathComponent()
            let candidate = directory.appendingPathComponent("heartbeat.toml").path
            guard FileManager.default.fileExists(atPath: candidate) else { return HeartbeatConfig() }
            path = candidate
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, line: nil, message: "cannot be read (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: nil, message: "is not UTF-8 text")
        }
        return try HeartbeatConfig(toml: text, file: path)
    }
}
