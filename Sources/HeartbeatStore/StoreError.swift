import Foundation
import HeartbeatCore

/// Why the store refused a request, with what to do about it. Never includes bound values
/// (message text, e-mails): GRDB's `DatabaseError.description` hides them and so do we.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    private enum Code: String, Sendable { case cannotOpen, unknownSpace, database, accountExists, unknownAccount, unknownMember, unknownIdentity
        case invalidDatabaseURL, invalidCommunityName, communityExists, unknownCommunity, oneCommunityPerFile
    }

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

    static func cannotConnect(_ location: String, database: String, reason: String) -> StoreError {
        StoreError(
            .cannotOpen,
            "cannot connect to \(location): \(reason). Check that the server is running and accepts this user, and that "
                + "the database exists (createdb \(database)), or choose another with --db or HEARTBEAT_DATABASE_URL.")
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

    static func invalidDatabaseURL(_ url: String, reason: String) -> StoreError {
        let shown = url.replacingOccurrences(of: #":[^:@/]*@"#, with: ":***@", options: .regularExpression)
        return StoreError(.invalidDatabaseURL, "cannot use the database URL \(shown): \(reason).")
    }

    static func invalidCommunityName(_ name: String) -> StoreError {
        StoreError(
            .invalidCommunityName,
            "'\(name)' cannot name a community: use 1 to 64 letters, digits, '-', '_' or '.'.")
    }

    static func communityExists(_ name: String) -> StoreError {
        StoreError(.communityExists, "a community named '\(name)' exists already. heartbeat communities list shows them.")
    }

    var isCommunityExists: Bool { code == .communityExists }

    static func unknownCommunity(_ name: String, known: [String]) -> StoreError {
        StoreError(
            .unknownCommunity,
            "no community named '\(name)' in this database. Known: \(known.isEmpty ? "none" : known.joined(separator: ", ")). "
                + "heartbeat communities add \(name) creates it.")
    }

    static func oneCommunityPerFile(_ path: String, asked: String) -> StoreError {
        StoreError(
            .oneCommunityPerFile,
            "the SQLite file \(path) holds one community ('\(Community.defaultName)'), not '\(asked)'. "
                + "Use another file for another community (--db other.sqlite), or a PostgreSQL database "
                + "(--db postgres://…) for many communities in one place.")
    }

    static func database(_ location: String, _ reason: String) -> StoreError {
        StoreError(.database, "the database \(location) refused the request: \(reason).")
    }
}
