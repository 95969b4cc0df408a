import Foundation

/// Debian's `chromium`, run headless to load a page and save a screenshot or print the DOM as
/// the browser built it. `scripts/setup` installs it; tests that need it are enabled where it is
/// present and always in CI (`CI` set), so a missing browser fails there instead of skipping.
public enum HeadlessBrowser {
    public static let executable: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    public static var shouldRun: Bool { executable != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    /// Where tests leave screenshots for a human to look at: `.build/test-output/`.
    public static var outputFolder: URL {
        let folder = Fixtures.packageRoot.appendingPathComponent(".build/test-output")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    public struct BrowserError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Saves a PNG of `url` at the given window size.
    public static func screenshot(of url: URL, to png: URL, width: Int = 1200, height: Int = 1600) throws {
        _ = try run(["--window-size=\(width),\(height)", "--hide-scrollbars", "--screenshot=\(png.path)", url.absoluteString])
    }

    /// The DOM after the page loaded (`--dump-dom`).
    public static func dom(of url: URL) throws -> String {
        try run(["--dump-dom", url.absoluteString])
    }

    private static func run(_ arguments: [String]) throws -> String {
        guard let executable else { throw BrowserError(description: "chromium is not installed (scripts/setup installs it)") }
        let profile = try TemporaryDirectory.make()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(profile.path)",
        ] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BrowserError(description: "chromium exited with \(process.terminationStatus) for \(arguments.last ?? "")")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
