import Foundation

/// Synthetic Slack exports from the team's generator (`../shared/tools/gen_slack.py`, beside the
/// project): deterministic by seed, with threads, reactions, bots and a burst of never-active
/// sign-ups 60 % of the way through the history. Tests that need one are enabled only where the
/// generator exists.
public enum GeneratedExport {
    public static let generator = Fixtures.packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/tools/gen_slack.py")

    public static var isAvailable: Bool { FileManager.default.fileExists(atPath: generator.path) }

    /// Generates an export folder in a new temporary directory.
    public static func make(messages: Int, users: Int, channels: Int, days: Int, seed: Int = 7) throws -> URL {
        let out = try TemporaryDirectory.make().appendingPathComponent("export")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", generator.path, out.path, "--messages", "\(messages)", "--users", "\(users)",
            "--channels", "\(channels)", "--days", "\(days)", "--seed", "\(seed)",
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "gen_slack.py exited with \(process.terminationStatus)"])
        }
        return out
    }
}
