/// Finds the GitHub login a profile names (`https://github.com/alice-gh`, `github.com/alice-gh/`):
/// the evidence that joins a chat account to a GitHub account.
public enum GitHubProfileLink {
    /// Paths on github.com that are not users.
    static let reserved: Set<String> = ["orgs", "about", "features", "settings", "topics", "sponsors", "marketplace", "apps"]

    /// The first login named in `text`, lowercased; `nil` if none.
    public static func login(in text: String) -> String? {
        let bytes = Array(text.utf8)
        let needle = Array("github.com/".utf8)
        guard bytes.count > needle.count else { return nil }
        var start = 0
        while start + needle.count <= bytes.count {
            var matches = true
            for offset in 0..<needle.count {
                var byte = bytes[start + offset]
                if byte >= 65 && byte <= 90 { byte += 32 }
                if byte != needle[offset] { matches = false; break }
            }
            if matches {
                var end = start + needle.count
                // Logins: letters, digits and single hyphens, at most 39 characters.
                while end < bytes.count, isLoginByte(bytes[end]) { end += 1 }
                let login = String(decoding: bytes[(start + needle.count)..<end], as: UTF8.self).lowercased()
                if !login.isEmpty, login.count <= 39, !login.hasPrefix("-"), !reserved.contains(login) { return login }
                start = end
            } else {
                start += 1
            }
        }
        return nil
    }

    private static func isLoginByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45
    }
}
