/// Why the store refused a request, with what to do about it. Never includes bound values
/// (message text, e-mails): GRDB's `DatabaseError.description` hides them and so do we.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    private enum Code: String, Sendable { case cannotOpen, unknownSpace, database, accountExists, unknownAccount, unknownMember, unknownIdentity }

    private let code: Code
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    static func cannotOpen(_ path: String, reason: String) -> StoreError {
        StoreError(
            .cannotOpen,
            "cannot open the database \(path): \(reason). Check the path and permissions, or choose another with --db.")
    }

    static func accountExists(_ name: String) -> StoreError {
        StoreError(.accountExists, "an account named '\(name)' exists already. Choose another name, or remove it first (heartbeat users remove).")
    }

    static func unknownAccount(_ name: String) -> StoreError {
        StoreError(.unknownAccount, "no account named '\(name)'. heartbeat users list shows the accounts.")
    }

    static func unknownMember(_ id: Int64) -> StoreError {
        StoreError(.unknownMember, "no member #\(id). heartbeat members lists them; heartbeat identities list shows merged people.")
    }

    static func unknownIdentity(_ id: Int64) -> StoreError {
        StoreError(.unknownIdentity, "no account with id \(id). heartbeat member NAME lists a person's accounts.")
    }

    static func unknownSpace(_ names: [String], available: [String]) -> StoreError {
        let shown = available.prefix(20).joined(separator: ", ")
        return StoreError(
            .unknownSpace,
            "no channel named \(names.map { "'\($0)'" }.joined(separator: ", ")) in the store. "
                + "Known channels: \(shown)\(available.count > 20 ? ", …" : "").")
    }
}
