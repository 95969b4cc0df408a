import Foundation

/// Hand-made inputs checked in under `Tests/Fixtures/`, small enough that every expected figure
/// in the tests was computed by hand.
public enum Fixtures {
    /// The package root, found from this file's location.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func url(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name)
    }

    /// `Tests/Fixtures/tiny-export`: 7 accounts, 2 channels, 3 day files (see its README in the tests).
    public static var tinyExport: URL { url("tiny-export") }

    /// `Tests/Fixtures/discord`: two DiscordChatExporter files of one server, `general.json` (a
    /// channel, 9 messages) and `help-thread.json` (a thread of #help, 4 messages).
    public static var discordExport: URL { url("discord") }

    /// `Tests/Fixtures/telegram/result.json`: a single-chat Telegram Desktop export (12 messages).
    public static var telegramExport: URL { url("telegram/result.json") }

    /// `Tests/Fixtures/telegram-full/result.json`: a full Telegram export (two groups, a left
    /// group and a personal chat that is not imported).
    public static var telegramFullExport: URL { url("telegram-full/result.json") }

    /// `Tests/Fixtures/github`: one GH Archive hour (`2026-03-05-10.json`, and the same gzipped) and
    /// REST API output under `rest/` (`issues.json`, `pulls.json`, `comments.json`) for
    /// `heartbeat-demo/engine`; the figures are worked out in `GitHubIngestTests`.
    public static var github: URL { url("github") }

    /// A fresh copy of a fixture folder in a new temporary directory, safe to modify.
    public static func temporaryCopy(of fixture: URL) throws -> URL {
        let directory = try TemporaryDirectory.make()
        let copy = directory.appendingPathComponent(fixture.lastPathComponent)
        try FileManager.default.copyItem(at: fixture, to: copy)
        return copy
    }
}

/// Unique temporary directories for tests (left for the OS to clean).
public enum TemporaryDirectory {
    public static func make() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("heartbeat-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
