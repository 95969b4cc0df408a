import PostgresNIO

/// What a PostgreSQL error says, for a user: the server's own message (`relation … does not
/// exist`, `password authentication failed`), or the connection problem. Never the bound values.
enum PostgresFailure {
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
                return message + detail
            }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        if let error = error as? PostgresTransactionError {
            return describe(error.closureError ?? error.commitError ?? error.beginError ?? error)
        }
        if let error = error as? StoreError { return error.message }
        return "\(error)"
    }

    /// Whether `error` came from PostgreSQL or the driver (rather than from the caller's own code).
    static func isDatabaseError(_ error: any Error) -> Bool {
        error is PSQLError || error is PostgresDecodingError || error is PostgresTransactionError
    }
}
