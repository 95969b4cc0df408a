import Foundation
import HTTPTypes
import HeartbeatCore
import HeartbeatImport
import HeartbeatServer
import HeartbeatStore
import HeartbeatTestSupport
import Hummingbird
import HummingbirdBcrypt
import Logging
import NIOCore
import NIOEmbedded

/// Drives the dashboard's router in process, like a browser or a script would: keeps cookies,
/// sends forms and bearer tokens, and reads whole responses.
struct DashboardClient {
    struct Reply {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String

        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) }
        var location: String? { headers[.location] }
    }

    let responder: RouterResponder<DashboardContext>
    var cookies: [String: String] = [:]
    var token: String?

    init(dashboard: Dashboard) {
        responder = dashboard.router().buildResponder()
    }

    mutating func get(_ path: String) async throws -> Reply { try await send(.get, path) }

    mutating func post(_ path: String, form: [String: String]) async throws -> Reply {
        let body = form.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(.post, path, body: body, contentType: "application/x-www-form-urlencoded")
    }

    mutating func send(
        _ method: HTTPRequest.Method, _ path: String, body: String = "", contentType: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let contentType { headers[.contentType] = contentType }
        let request = Request(
            head: HTTPRequest(method: method, scheme: "http", authority: "127.0.0.1", path: path, headerFields: headers),
            body: RequestBody(buffer: ByteBuffer(string: body)))
        let context = DashboardContext(source: .init(channel: NIOAsyncTestingChannel(), logger: Logger(label: "test")))
        let response = try await responder.respond(to: request, context: context)
        let collector = Collector()
        try await response.body.write(collector)
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if field.value.contains("Max-Age=0") || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        return Reply(status: response.status, headers: response.headers, body: await collector.text)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// The hidden CSRF field of the last form on a page.
    static func csrf(in page: String) -> String? {
        guard let range = page.range(of: "name=\"csrf\" value=\"", options: .backwards) else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    mutating func signIn(_ name: String, _ password: String) async throws -> Reply {
        let page = try await get("/login")
        return try await post("/login", form: ["csrf": DashboardClient.csrf(in: page.body) ?? "", "name": name, "password": password, "next": "/"])
    }
}

actor CollectedBody {
    var buffer = ByteBuffer()
    func append(_ part: ByteBuffer) { buffer.writeImmutableBuffer(part) }
}

struct Collector: ResponseBodyWriter {
    let storage = CollectedBody()
    var text: String { get async { String(buffer: await storage.buffer) } }
    func write(_ buffer: ByteBuffer) async throws { await storage.append(buffer) }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// A store with the tiny fixture export, an admin and a viewer (bcrypt cost 4: fast, still real).
enum DashboardFixture {
    static let adminPassword = "admin password 1"
    static let viewerPassword = "viewer password 1"

    static func make(loginAttempts: Int = 5) async throws -> (Dashboard, SQLiteStore) {
        let store = try SQLiteStore(path: try TemporaryDirectory.make().appendingPathComponent("db.sqlite").path)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        _ = try await store.addAccount(name: "ada", role: .admin, passwordHash: Bcrypt.hash(adminPassword, cost: 4))
        _ = try await store.addAccount(name: "vic", role: .viewer, passwordHash: Bcrypt.hash(viewerPassword, cost: 4))
        try await addProgram(to: store)
        var options = Dashboard.Options()
        options.loginAttempts = loginAttempts
        return (try Dashboard(store: store, options: options), store)
    }

    /// Two look-alike pitches (one overdue and in review), a role and a guidelines version, so the
    /// contributors and overlaps reports have rows in every list.
    static func addProgram(to store: any DashboardStore) async throws {
        let alice = try await store.resolveMember("@alice"), bob = try await store.resolveMember("@bob")
        let first = try await store.addSubmission(
            NewSubmission(
                title: "Profiling Swift apps with Instruments", summary: "Find hot paths with the time profiler", tags: ["ios"],
                authorID: alice.id, createdAt: Timestamp(iso: "2026-03-01")!, actor: "lead"))
        _ = try await store.addSubmission(
            NewSubmission(
                title: "Finding hot paths in Swift apps with the Instruments profiler", tags: ["ios"], authorID: bob.id,
                createdAt: Timestamp(iso: "2026-03-02")!, actor: "lead"))
        _ = try await store.moveSubmission(id: first.id, to: .accepted, at: Timestamp(iso: "2026-03-02")!, actor: "lead", comment: "", url: nil)
        _ = try await store.grantRole(memberID: bob.id, role: "editor", starts: CivilDate(iso: "2026-01-01")!, note: "")
        _ = try await store.publishGuidelines(version: "1.0", published: CivilDate(iso: "2026-01-01")!, url: nil)
    }

    /// A token for an account, created as `heartbeat tokens create` does.
    static func token(for name: String, in store: any AccountStore) async throws -> String {
        let token = SecretToken.make(prefix: "hb_")
        let account = try await store.account(named: name)!
        _ = try await store.createToken(accountID: account.id, label: "test", digest: SHA256.hex(token), createdAt: .now)
        return token
    }
}
