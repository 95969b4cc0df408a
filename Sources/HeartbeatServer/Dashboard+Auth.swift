import Foundation
import HTTPTypes
import HeartbeatCore
import HeartbeatStore
import Hummingbird
import HummingbirdBcrypt
import NIOCore

extension Dashboard {
    static let sessionCookie = "hb_session"
    static let loginCookie = "hb_login_csrf"

    /// The sign-in form. Its CSRF token is also set as a short-lived cookie; the POST must bring
    /// both, equal (double submit), so another site cannot sign a browser in to its own account.
    func loginPage(request: Request, context: DashboardContext, message: String? = nil, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        // Keep the token a browser already holds: a second tab (or a favicon fetch redirected here)
        // must not invalidate the form that is open.
        let held = request.cookies[Self.loginCookie]?.value ?? ""
        let token = held.count == 43 ? held : SecretToken.make()
        let next = safeNext(request.uri.queryParameters.get("next"))
        let body = pages.fragment("login", ["csrf": token, "next": next, "message": message as Any])
        var response = html(pages.page(title: "Sign in", body: body, context: context), status: status)
        response.setCookie(cookie(Self.loginCookie, token, maxAge: 3600, path: "/login"))
        return response
    }

    func login(request: Request, context: DashboardContext) async throws -> Response {
        var request = request
        let form = try await DashboardForm.read(&request)
        guard let sent = form.csrf, let expected = request.cookies[Self.loginCookie]?.value,
            SecretToken.constantTimeEquals(sent, expected)
        else {
            throw DashboardError(.forbidden, "The sign-in form expired or did not come from this site. Reload the page and sign in again.")
        }
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        let password = form.password ?? ""
        let keys = ["address:" + context.clientAddress, "account:" + name.lowercased()]
        let now = Timestamp.now
        if let wait = await throttle.retryAfter(keys: keys, now: now) {
            var response = try await loginPage(
                request: request, context: context,
                message: "Too many failed sign-ins. Try again in \(max(1, wait / 60)) minute(s).", status: .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        let account = try await communities.accounts.account(named: name)
        // Verify against a fixed hash when the account does not exist, so timing does not tell
        // which names exist.
        let hash = account?.passwordHash ?? "$2b$12$C6UzMDM.H6dfI/f/IKxGhuKpWyt4lmdmnHTCqLSC5TBIXgsnAeH/m"
        let matches = !name.isEmpty && Bcrypt.verify(password, hash: hash) && account != nil
        guard matches, let account else {
            await throttle.recordFailure(keys: keys, now: now)
            return try await loginPage(request: request, context: context, message: "Wrong account name or password.", status: .unauthorized)
        }
        await throttle.reset(key: "account:" + name.lowercased())
        let token = SecretToken.make()
        let expires = Timestamp(microseconds: now.microseconds + Int64(options.sessionHours) * 3_600_000_000)
        try await communities.accounts.createSession(
            accountID: account.id, digest: SHA256.hex(token), csrfToken: SecretToken.make(), expiresAt: expires)
        var response = Response.redirect(to: safeNext(form.next), type: .found)
        response.status = .seeOther
        response.setCookie(cookie(Self.sessionCookie, token, maxAge: options.sessionHours * 3600, path: "/"))
        response.setCookie(cookie(Self.loginCookie, "", maxAge: 0, path: "/login"))
        return response
    }

    func logout(request: Request, context: DashboardContext) async throws -> Response {
        var request = request
        let form = try await DashboardForm.read(&request)
        guard let session = context.session, let digest = context.sessionDigest else {
            throw DashboardError(.forbidden, "Sign-out needs the browser session that signed in.")
        }
        guard let sent = form.csrf, SecretToken.constantTimeEquals(sent, session.csrfToken) else {
            throw DashboardError(.forbidden, "The form did not come from this site (CSRF token missing or wrong). Reload the page and try again.")
        }
        try await communities.accounts.deleteSession(digest: digest)
        var response = Response.redirect(to: "/login", type: .found)
        response.status = .seeOther
        response.setCookie(cookie(Self.sessionCookie, "", maxAge: 0, path: "/"))
        return response
    }

    /// Only paths on this site: `//evil.example` and absolute URLs fall back to the overview.
    func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.hasPrefix("/login") else { return "/" }
        return next
    }

    func cookie(_ name: String, _ value: String, maxAge: Int, path: String) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: path, secure: options.secureCookies, httpOnly: true, sameSite: .strict)
    }
}

/// Signs requests in from an `Authorization: Bearer` API token or the session cookie, and turns
/// away everyone else: pages redirect to `/login`, the API answers 401.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = DashboardContext
    /// Accounts, sessions and tokens: the same for every community.
    let accounts: any AccountStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path == "/login" || path.hasPrefix("/static/") || path == "/favicon.ico" || path == "/api/v1/collect" { return try await next(request, context) }
        var context = context
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                let account = try await accounts.account(forTokenDigest: SHA256.hex(String(parts[1]).trimmingCharacters(in: .whitespaces)), now: .now)
            else {
                throw DashboardError(.unauthorized, "The API token is missing, malformed or revoked. Create one with: heartbeat tokens create NAME --user ACCOUNT")
            }
            context.account = account
        } else if let cookie = request.cookies[Dashboard.sessionCookie]?.value, !cookie.isEmpty {
            let digest = SHA256.hex(cookie)
            if let session = try await accounts.session(digest: digest, now: .now) {
                context.account = session.account
                context.session = session
                context.sessionDigest = digest
            }
        }
        guard context.account != nil else {
            if path.hasPrefix("/api/") {
                throw DashboardError(.unauthorized, "Sign in first: send 'Authorization: Bearer TOKEN' (heartbeat tokens create).")
            }
            let target = request.uri.query.map { path + "?" + $0 } ?? path
            var response = Response.redirect(to: "/login?next=" + URLText.encode(target), type: .found)
            response.status = .seeOther
            return response
        }
        return try await next(request, context)
    }
}

/// The fields of the dashboard's forms (sign-in, sign-out, moving a submission), read from an
/// `application/x-www-form-urlencoded` body with Hummingbird's decoder.
struct DashboardForm: Decodable {
    var csrf: String?
    var name: String?
    var password: String?
    var next: String?
    /// Moving a submission: the new state, a comment and (when published) its URL.
    var state: String?
    var comment: String?
    var url: String?

    static func read(_ request: inout Request) async throws -> DashboardForm {
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: 16 * 1024)
        } catch {
            throw DashboardError(.contentTooLarge, "The form is larger than 16 KiB.")
        }
        do {
            return try URLEncodedFormDecoder().decode(DashboardForm.self, from: String(buffer: buffer))
        } catch {
            throw DashboardError(.badRequest, "The form could not be read; reload the page and try again.")
        }
    }
}
