import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a password without it ever being a command-line argument (visible in `ps` and shell
/// history): prompted twice with echo off on a terminal, else the first line of standard input.
enum PasswordInput {
    static let minimumLength = 10

    static func read(prompt: String) throws -> String {
        let password: String
        if isatty(0) == 1 {
            let first = try readHidden(prompt)
            let second = try readHidden("Repeat the password: ")
            guard first == second else { throw ValidationError("The two passwords differ; nothing was changed.") }
            password = first
        } else {
            guard let line = Swift.readLine(strippingNewline: true) else {
                throw ValidationError("No password on standard input (send it as the first line, e.g. from a password manager).")
            }
            password = line
        }
        guard password.count >= minimumLength else {
            throw ValidationError("The password needs at least \(minimumLength) characters.")
        }
        return password
    }

    private static func readHidden(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        tcgetattr(0, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(0, TCSANOW, &silent)
        defer {
            tcsetattr(0, TCSANOW, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = Swift.readLine(strippingNewline: true) else { throw ValidationError("No password entered.") }
        return line
    }
}
