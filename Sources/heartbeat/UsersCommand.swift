import ArgumentParser
import Foundation
import HeartbeatStore
import HeartbeatCore
import HummingbirdBcrypt

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Dashboard accounts: add, list, change a password, grant or revoke a community, remove.",
        discussion: """
            Roles: admin (sees everything, including members' e-mail addresses) and viewer (everything
            but e-mail addresses). Passwords are read from the terminal (twice, hidden) or from the
            first line of standard input, never from an argument, and stored as bcrypt hashes (cost 12).
              heartbeat users add alice --role admin
              printf '%s\\n' "$PASSWORD" | heartbeat users add ci-viewer --role viewer
            In a PostgreSQL database, accounts are shared by all its communities: admins see every
            community, viewers only those granted to them.
              heartbeat users grant ci-viewer acme-devs --db postgres://…
            A SQLite file holds one community, which every account sees.
            """,
        subcommands: [Add.self, List.self, Password.self, Grant.self, Revoke.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Create an account (password prompted or read from stdin).")
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
        static let configuration = CommandConfiguration(commandName: "list", 
            abstract: "List the accounts and their roles (and, in a PostgreSQL database, the communities each sees).")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let backend = try await store.open()
            let accounts = try await backend.accounts()
            if accounts.isEmpty { print("No accounts. Add one: heartbeat users add NAME --role admin") }
            guard let postgres = backend as? PostgresStore else {
                for account in accounts { print("\(account.name)\t\(account.role.rawValue)") }
                return
            }
            var granted: [String: [String]] = [:]
            for grant in try await postgres.database.grants() { granted[grant.account.lowercased(), default: []].append(grant.community) }
            for account in accounts {
                let communities: String
                if account.role == .admin {
                    communities = "all communities"
                } else {
                    communities = granted[account.name.lowercased()]?.joined(separator: ",") ?? "none (heartbeat users grant \(account.name) COMMUNITY)"
                }
                print("\(account.name)\t\(account.role.rawValue)\t\(communities)")
            }
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "grant", 
            abstract: "Let a viewer see a community on the dashboard (PostgreSQL; admins see every community).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account.") var name: String
        @Argument(help: "The community (heartbeat communities list).") var community: String

        func run() async throws {
            let (database, found) = try await CommunityGrants.open(store, community: community, verb: "grant")
            defer { database.close() }
            try await database.grantCommunity(account: name, community: found)
            let account = try await database.store(community: found.name).account(named: name)
            if account?.role == .admin {
                print("Granted '\(found.name)' to '\(name)'. Note: '\(name)' is an admin and sees every community anyway.")
            } else {
                print("Granted '\(found.name)' to '\(name)': it appears in the dashboard's community switcher from the next page on.")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Take a community back from a viewer (PostgreSQL).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account.") var name: String
        @Argument(help: "The community.") var community: String

        func run() async throws {
            let (database, found) = try await CommunityGrants.open(store, community: community, verb: "revoke")
            defer { database.close() }
            if try await database.revokeCommunity(account: name, community: found) {
                print("Revoked '\(found.name)' from '\(name)'; its next request no longer sees it.")
            } else {
                print("'\(name)' had no grant for '\(found.name)'; nothing changed.")
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "password", abstract: "Set a new password (ends the account's sessions).")
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
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an account with its sessions and API tokens.")
        @OptionGroup var store: StoreOptions
        @Argument var name: String

        func run() async throws {
            guard try await store.open().removeAccount(named: name) else { throw ValidationError("No account named '\(name)'.") }
            print("Removed '\(name)'.")
        }
    }
}

extension Account.Role: ExpressibleByArgument {}

/// What `users grant` and `users revoke` share: a PostgreSQL database and one of its communities.
enum CommunityGrants {
    static func open(_ store: StoreOptions, community: String, verb: String) async throws -> (PostgresDatabase, Community) {
        guard StoreOpener.isPostgres(store.location) else {
            throw ValidationError(
                "\(store.location) is a SQLite file, which holds one community, and every account sees it: there is nothing to \(verb). "
                    + "To show different communities to different people, use a PostgreSQL database (--db postgres://…).")
        }
        if let other = store.community, other.lowercased() != community.lowercased() {
            throw ValidationError("Name the community once, as the second argument (not also --community \(other)).")
        }
        let database = try await PostgresDatabase.open(url: store.location)
        guard let found = try await database.community(named: community) else {
            let known = try await database.communities().map(\.name)
            database.close()
            throw ValidationError(
                "No community named '\(community)'. Known: \(known.isEmpty ? "none" : known.prefix(20).joined(separator: ", ") + (known.count > 20 ? ", …" : "")) (heartbeat communities list).")
        }
        return (database, found)
    }
}
