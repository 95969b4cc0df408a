/// Why an import stopped: what went wrong, in which file (path inside the export), where, and what
/// to do. Message text and e-mail addresses never appear in it.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    /// Kept private so that cases can grow without breaking callers (STYLE habit 4).
    private enum Code: String, Sendable {
        case exportNotFound = "export-not-found", notAnExport = "not-an-export", damagedArchive = "damaged-archive",
            unreadableEntry = "unreadable-entry", malformedJSON = "malformed-json",
            unexpectedValue = "unexpected-value", badFileName = "bad-file-name", badSheet = "bad-sheet",
            badInput = "bad-input", unknownExport = "unknown-export", mixedExports = "mixed-exports",
            notGitHubActivity = "not-github-activity", repositoriesRequired = "repositories-required",
            badGitHubEvent = "bad-github-event"
    }

    private let code: Code
    /// The export, or a path inside it.
    public let file: String
    /// `line L, column C` and/or `message [i]`, when known.
    public let position: String
    public let message: String

    private init(_ code: Code, file: String, position: String = "", message: String) {
        self.code = code
        self.file = file
        self.position = position
        self.message = message
    }

    /// A short stable identifier for scripts (`malformed-json`, …).
    public var identifier: String { code.rawValue }

    public var description: String {
        "\(file)\(position.isEmpty ? "" : ":\(position)"): \(message)"
    }

    static func exportNotFound(_ path: String) -> ImportError {
        ImportError(
            .exportNotFound, file: path,
            message: "no such file or folder. Give the Slack export .zip as downloaded, or the folder it unzips to.")
    }

    /// A chat export path that does not exist; `expected` says what to give (`the DiscordChatExporter
    /// .json file or a folder of them`).
    static func exportNotFound(_ path: String, expected: String) -> ImportError {
        ImportError(.exportNotFound, file: path, message: "no such file or folder. Give \(expected).")
    }

    static func notAnExport(_ path: String, missing: [String], sawFiles: Int) -> ImportError {
        ImportError(
            .notAnExport, file: path,
            message: "not a Slack export: \(missing.joined(separator: " and ")) not found among its \(sawFiles) files. "
                + "A Slack export (Workspace settings > Import/Export Data > Export) holds users.json, channels.json "
                + "and one folder per channel.")
    }

    static func unknownExport(_ path: String) -> ImportError {
        ImportError(
            .unknownExport, file: path,
            message: "not an export Heartbeat knows. It reads a Slack export (.zip or folder with users.json), "
                + "DiscordChatExporter JSON (a file or folder of channel files), Telegram Desktop's result.json, "
                + "GH Archive hours (.json.gz) or GitHub REST API JSON arrays. Name the kind with --source if it was not recognised.")
    }

    /// A CSV file that cannot be imported (`line` when one line is at fault).
    static func sheet(_ path: String, line: Int?, _ message: String) -> ImportError {
        ImportError(.badSheet, file: path, position: line.map { "\($0)" } ?? "", message: message)
    }

    /// A log or other input file that cannot be read (`line` when known).
    static func input(_ path: String, line: Int?, _ message: String) -> ImportError {
        ImportError(.badInput, file: path, position: line.map { "\($0)" } ?? "", message: message)
    }

    static func damagedArchive(_ path: String, reason: String) -> ImportError {
        ImportError(
            .damagedArchive, file: path,
            message: "the zip archive cannot be read (\(reason)); it may be truncated or still downloading. "
                + "Download the export again, or unzip it and give the folder.")
    }

    static func unreadableEntry(_ path: String, reason: String) -> ImportError {
        ImportError(
            .unreadableEntry, file: path,
            message: "cannot read this file from the export (\(reason)); the archive may be damaged.")
    }

    static func malformedJSON(_ path: String, position: String, detail: String) -> ImportError {
        ImportError(.malformedJSON, file: path, position: position, message: "malformed JSON: \(detail)")
    }

    static func unexpectedValue(_ path: String, position: String, detail: String) -> ImportError {
        ImportError(.unexpectedValue, file: path, position: position, message: detail)
    }

    static func badFileName(_ path: String, detail: String) -> ImportError {
        ImportError(.badFileName, file: path, message: detail)
    }

    static func notADiscordExport(_ path: String, detail: String) -> ImportError {
        ImportError(
            .notAnExport, file: path,
            message: "not a Discord export: \(detail). Export each channel with DiscordChatExporter "
                + "(Export > format \"JSON\"; CLI: `DiscordChatExporter.Cli export -f Json`) and give one .json file "
                + "or a folder of them.")
    }

    /// Two files of one Discord import come from different servers (guilds).
    static func mixedDiscordGuilds(_ path: String, guild: String, firstFile: String, firstGuild: String) -> ImportError {
        ImportError(
            .mixedExports, file: path,
            message: "this file is from Discord server \(guild), but \(firstFile) is from server \(firstGuild); "
                + "one import holds one server. Import each server's files from its own folder.")
    }

    static func notATelegramExport(_ path: String, detail: String) -> ImportError {
        ImportError(
            .notAnExport, file: path,
            message: "not a Telegram export: \(detail). In Telegram Desktop open the group, then the chat menu (⋮) > "
                + "Export chat history, choose format \"Machine-readable JSON\", and give the result.json it writes "
                + "(or Settings > Advanced > Export Telegram data, also as JSON).")
    }

    /// A date or time field that cannot be read: names the element (`messages[3]`), the message id
    /// and the value, which is never message text.
    static func badTime(_ path: String, element: String, field: String, value: String, expected: String) -> ImportError {
        ImportError(
            .unexpectedValue, file: path, position: "at \(element).\(field)",
            message: "`\(field)` must be \(expected), found \"\(value.prefix(40))\"")
    }

    /// A file given to the GitHub importer that is neither a GH Archive hour nor REST API output.
    static func notGitHubActivity(_ path: String, detail: String) -> ImportError {
        ImportError(
            .notGitHubActivity, file: path,
            message: "not GitHub activity: \(detail). Give GH Archive hourly files as downloaded "
                + "(https://data.gharchive.org/2026-03-02-15.json.gz) or JSON saved from the REST API "
                + "(gh api --paginate 'repos/O/R/issues?state=all' > issues.json; also pulls and issues/comments).")
    }

    /// A GH Archive hour holds every public repository's events: importing it unfiltered would store
    /// a hundred thousand strangers.
    static func repositoriesRequired(_ path: String) -> ImportError {
        ImportError(
            .repositoriesRequired, file: path,
            message: "a GH Archive file holds the events of every public repository; name the repositories "
                + "to keep with --repo owner/name or [github] repositories in heartbeat.toml.")
    }

    /// One line of a GH Archive file that is not a GitHub event (`column` when the JSON is malformed).
    static func badGitHubEvent(_ path: String, line: Int, column: Int?, detail: String) -> ImportError {
        ImportError(
            .badGitHubEvent, file: path, position: "\(line)" + (column.map { ":\($0)" } ?? ""),
            message: "line \(line) is not a GitHub event: \(detail)")
    }

    /// Whether this error is about the import's settings rather than one file (never skipped by
    /// `--skip-bad-files`).
    var isSettingsError: Bool { code == .repositoriesRequired }
}
