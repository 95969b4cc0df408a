import HeartbeatCore
import HeartbeatStore
import Hummingbird
import NIOCore

/// What a request carries through the dashboard: who signed in (by session cookie or API token),
/// from which address (for the sign-in rate limit), and which community it works on.
public struct DashboardContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in account; nil only on the public routes (`/login`, `/static/…`).
    public var account: Account?
    /// The browser session, when the account signed in with the form (not with a token).
    public var session: SessionInfo?
    /// The SHA-256 digest of the session cookie, to end the session on sign-out.
    public var sessionDigest: String?
    /// The peer's IP address, when the transport knows it.
    public let clientAddress: String
    /// The community the request works on (`CommunityMiddleware`); nil on the public routes,
    /// sign-out and the OpenAPI document.
    var scope: CommunityScope?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}
