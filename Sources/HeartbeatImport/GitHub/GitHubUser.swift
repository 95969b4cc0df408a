/// An account as GitHub names it in events and REST responses (`actor`, `user`, `merged_by`).
struct GitHubUser: Decodable, Sendable, Hashable {
    var login: String
    /// `User`, `Bot` or `Organization`; GH Archive's `actor` carries none.
    var type: String?
    /// The login as GitHub shows it (GH Archive `actor.display_login`), when given.
    var displayLogin: String?

    enum CodingKeys: String, CodingKey {
        case login, type
        case displayLogin = "display_login"
    }

    /// The identity's external id: the login lowercased, the one key both GH Archive and the REST
    /// API give (GitHub logins are case-insensitive).
    var externalID: String { login.lowercased() }

    /// An integration: `type` says so, or the login is an app's (`dependabot[bot]`), which matters
    /// because GH Archive's `actor` has no `type`.
    var isBot: Bool { type == "Bot" || login.lowercased().hasSuffix("[bot]") }
}
