import ArgumentParser
import HeartbeatStore
import HeartbeatCore

struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "API tokens for scripts: create (shown once), list, revoke.",
        discussion: """
            A token acts as its account (and role). Only its SHA-256 digest is stored, so a lost token
            cannot be shown again: revoke it and create another.
              TOKEN=$(heartbeat tokens create nightly-export --user alice)
              curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/v1/reports/engagement
            """,
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a token and print it (once).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "What the token is for (shown by tokens list).") var label: String
        @Option(help: "The account the token acts as.") var user: String

        func run() async throws {
            let database = try await store.open()
            guard let account = try await database.account(named: user) else {
                throw ValidationError("No account named '\(user)'. Create it first: heartbeat users add \(user)")
            }
            let token = SecretToken.make(prefix: "hb_")
            let info = try await database.createToken(accountID: account.id, label: label, digest: SHA256.hex(token), createdAt: .now)
            Terminal.printError("Token \(info.id) for \(user) (\(account.role.rawValue)). Store it now; it is not shown again.")
            print(token)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens (never the tokens themselves).")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let tokens = try await store.open().tokens()
            if tokens.isEmpty { print("No tokens.") }
            for token in tokens {
                print("\(token.id)\t\(token.account)\t\(token.label)\tcreated \(token.createdAt.isoDay)\tlast used \(token.lastUsedAt?.isoDay ?? "never")")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token by its id (tokens list).")
        @OptionGroup var store: StoreOptions
        @Argument var id: Int64

        func run() async throws {
            guard try await store.open().revokeToken(id: id) else { throw ValidationError("No token with id \(id).") }
            print("Revoked token \(id).")
        }
    }
}
