import HeartbeatCore

/// Reads GitHub's ISO 8601 times (`2026-03-02T15:04:05Z`), turning a bad one into an error that
/// says which field, in which file and where.
enum GitHubTime {
    static func parse(_ text: String?, field: String, path: String, position: String) throws -> Timestamp? {
        guard let text else { return nil }
        guard let time = Timestamp(iso: text) else {
            throw ImportError.unexpectedValue(
                path, position: position, detail: "`\(field)` is not a time like 2026-03-02T15:04:05Z")
        }
        return time
    }
}
