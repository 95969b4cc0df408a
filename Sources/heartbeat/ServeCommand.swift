import ArgumentParser
import HeartbeatCore
import HeartbeatStore
import HeartbeatServer
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "The web dashboard and JSON API (sign-in required) over the database.",
        discussion: """
            Pages: overview (headline figures and charts), one page per report, members with search,
            member profiles, channels; filters (period, channel, platform, segment) stay in the URL.
            API: /api/v1/reports/NAME, /api/v1/members, /api/v1/members/ID; the OpenAPI document is
            /api/v1/openapi.json. Scripts authenticate with 'Authorization: Bearer TOKEN'.

            First create an account:  heartbeat users add alice --role admin
            and, for scripts, a token: heartbeat tokens create ci --user alice

            With a PostgreSQL database (--db postgres://…) the dashboard serves every community in it:
            admins switch between them in the page header, viewers see those granted to them
            (heartbeat users grant NAME COMMUNITY). Pages and API calls take ?community=NAME; without
            it, 'default' (or the first the account may see). A SQLite file is one community.

            Listens on 127.0.0.1 by default; put a TLS-terminating proxy in front before exposing it.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Flag(help: "Take page-view readers' addresses from X-Forwarded-For (only behind a proxy that sets it).")
    var trustProxy = false
    @Flag(help: "Send the session cookie over plain HTTP too (only behind a proxy that terminates TLS elsewhere).")
    var insecureCookies = false

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be from 1 to 65535.") }
    }

    func run() async throws {
        let settings = try config.load(besideDatabase: store.location)
        let communities: any DashboardCommunities
        var location = store.location
        if StoreOpener.isPostgres(store.location) {
            if let community = store.community {
                throw ValidationError(
                    "serve shows every community of the database; drop --community \(community) and open it with ?community=\(community) in the URL.")
            }
            let database = try await PostgresDatabase.open(url: store.location)
            location = database.location  // without the password
            communities = try await PostgresCommunities.open(database)
            let names = try await communities.allCommunities().map(\.name)
            let shown = names.prefix(10).joined(separator: ", ") + (names.count > 10 ? ", …" : "")
            Terminal.printError("Serving \(names.count) communit\(names.count == 1 ? "y" : "ies"): \(shown).")
        } else {
            communities = SingleCommunity(store: try await store.open())
        }
        if try await communities.accounts.accounts().isEmpty {
            Terminal.printError("note: no accounts yet, so nobody can sign in. Create one: heartbeat users add NAME --role admin --db \(location)")
        }
        var options = Dashboard.Options()
        options.secureCookies = !insecureCookies
        options.trustForwardedFor = trustProxy
        let dashboard = try Dashboard(communities: communities, config: settings, options: options)
        var logger = Logger(label: "heartbeat.serve")
        logger.logLevel = .info
        Terminal.printError("Heartbeat dashboard on http://\(host):\(port)/ (Ctrl-C to stop)")
        try await dashboard.run(host: host, port: port, logger: logger)
    }
}
