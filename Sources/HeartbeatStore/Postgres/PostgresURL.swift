import Foundation
import NIOSSL
import PostgresNIO

/// `postgres://user[:password]@host[:port]/database[?sslmode=…]`, taken apart for the client.
/// `sslmode` as libpq spells it: `disable`, `prefer` (the default) or `require`.
struct PostgresURL {
    var user: String
    var password: String?
    var host: String
    var port: Int
    var database: String
    var tls: PostgresClient.Configuration.TLS
    /// The URL with the password replaced by `***`, for messages and logs.
    var redacted: String

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    init(_ text: String) throws {
        guard Self.isPostgres(text), let components = URLComponents(string: text), let host = components.host,
            !host.isEmpty
        else { throw StoreError.invalidDatabaseURL(text, reason: "expected postgres://user@host:5432/database") }
        user = components.user.map { $0.removingPercentEncoding ?? $0 } ?? "postgres"
        password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.host = host
        port = components.port ?? 5432
        database = String(components.path.drop(while: { $0 == "/" }))
        if database.isEmpty { database = user }
        let mode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        switch mode {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        default: throw StoreError.invalidDatabaseURL(text, reason: "unknown sslmode '\(mode)' (disable, prefer or require)")
        }
        var shown = components
        if shown.password != nil { shown.password = "***" }
        redacted = shown.string ?? "postgres://\(host)"
    }
}
