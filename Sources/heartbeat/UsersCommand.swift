import ArgumentParser
import Foundation
import HeartbeatStore
import HeartbeatCore
import HummingbirdBcrypt

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Dashboard accounts: add, list, change a password, remove.",
        discussion: """
            Roles: admin (sees everything, including members' e-mail addresses) and viewer (everything
            but e-mail addresses). Passwords are read from the terminal (twice, hidden) or from the
            first line of standard input, never from an argument, and stored as bcrypt hashes (cost 12).
              heartbeat users add alice --role admin
              printf '%s\\n' "$PASSWORD" | heartbeat users add ci-viewer --role viewer
            """,
        subcommands: [Add.self, List.self, Password.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account (password prompted or read from stdin).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account name used to sign in.") var name: String
        @Option(help: "admin or viewer.") var role: Account.Role = .viewer

        func validate() throws {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 64 else {
                throw ValidationError("The account name must have 1 to 64 characters.")
            }
        }

        func run() async throws {
            let database = try await store.open()
            if try await database.account(named: name) != nil {
                throw ValidationError("An account named '\(name)' exists already (heartbeat users list).")
            }
            let password = try PasswordInput.read(prompt: "Password for \(name): ")
            _ = try await database.addAccount(name: name, role: role, passwordHash: Bcrypt.hash(password, cost: 12))
            print("Added \(role.rawValue) account '\(name)'.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts and their roles.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let accounts = try await store.open().accounts()
            if accounts.isEmpty { print("No accounts. Add one: heartbeat users add NAME --role admin") }
            for account in accounts { print("\(account.name)\t\(account.role.rawValue)") }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a new password (ends the account's sessions).")
        @OptionGroup var store: StoreOptions
        @Argument var name: String

        func run() async throws {
            let database = try await store.open()
            guard try await database.account(named: name) != nil else { throw ValidationError("No account named '\(name)'.") }
            let password = try PasswordInput.read(prompt: "New password for \(name): ")
            try await database.setPassword(account: name, passwordHash: Bcrypt.hash(password, cost: 12))
            print("Password changed; '\(name)' must sign in again.")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account with its sessions and API tokens.")
        @OptionGroup var store: StoreOptions
        @Argument var name: String

        func run() async throws {
            guard try await store.open().removeAccount(named: name) else { throw ValidationError("No account named '\(name)'.") }
            print("Removed '\(name)'.")
        }
    }
}

extension Account.Role: ExpressibleByArgument {}
