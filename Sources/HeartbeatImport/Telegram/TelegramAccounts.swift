import HeartbeatCore

/// Every account a Telegram import sees (authors, actors, reactors, mentioned and invited people),
/// with the display name of its latest appearance (renames), in one workspace-wide table so that a
/// person in several chats is one identity.
struct TelegramAccounts {
    struct Account {
        var id: String
        /// `nil` when the export shows the account as deleted.
        var name: String?
        var lastSeen: Timestamp
        /// Only a name taken from the account's own messages or events; a mention's text or a
        /// reactor's name is used when nothing better is known.
        var isFirstHand: Bool
    }

    private(set) var accounts: [String: Account] = [:]

    /// Telegram shows a deleted account as `Deleted Account`, or with no name at all.
    static let deletedName = "Deleted Account"

    mutating func observe(_ id: String, name: String?, at time: Timestamp, firstHand: Bool = true) {
        let seen = Account(id: id, name: name == Self.deletedName ? nil : name, lastSeen: time, isFirstHand: firstHand)
        guard let known = accounts[id] else {
            accounts[id] = seen
            return
        }
        if (firstHand && !known.isFirstHand) || (firstHand == known.isFirstHand && time >= known.lastSeen) {
            accounts[id] = seen
        }
    }

    /// A channel posting into a group is a broadcast, not a person: its id (`channel456`) is a bot.
    static func isChannel(_ id: String) -> Bool { id.hasPrefix("channel") }

    var identities: [Identity] {
        accounts.values.sorted { $0.id < $1.id }.map { account in
            // Telegram exports carry no @username: the stable id stands in as the handle.
            Identity(
                externalID: account.id, handle: account.id, displayName: account.name ?? Self.deletedName,
                isBot: Self.isChannel(account.id), isDeleted: account.name == nil)
        }
    }
}
