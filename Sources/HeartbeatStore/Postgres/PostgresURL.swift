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
    /// The same choice for a single connection (`PostgresDatabase` probes with one).
    var connectionTLS: PostgresConnection.Configuration.TLS {
        get throws {
            switch tlsMode {
            case .disable: return .disable
            case .prefer: return .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        }
    }
    private var tlsMode: TLSMode
    private enum TLSMode { case disable, prefer, require }
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
        case "disable": (tls, tlsMode) = (.disable, .disable)
        case "prefer", "allow": (tls, tlsMode) = (.prefer(.makeClientConfiguration()), .prefer)
        case "require", "verify-ca", "verify-full": (tls, tlsMode) = (.require(.makeClientConfiguration()), .require)
        default: throw StoreError.invalidDatabaseURL(text, reason: "unknown sslmode '\(mode)' (disable, prefer or require)")
        }
        var shown = components
        if shown.password != nil { shown.password = "***" }
        redacted = shown.string ?? "postgres://\(host)"
    }
}
