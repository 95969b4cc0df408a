import HeartbeatCore

/// What the first pass over every file of a Discord import learns, before anything is written:
/// each message's time, author and reference (so a reply finds a message in another file of the
/// run), each thread's first message, and the latest name of every account.
struct DiscordRunIndex {
    struct Entry {
        var time: Timestamp
        var authorID: String?
        /// The message a `Reply` answers.
        var referenceID: String?
        /// The thread this message was posted in, if any.
        var threadID: String?
    }

    /// An account as last seen: the name and nickname of its latest message win (renames).
    struct Account {
        var id: String
        var name: String?
        var nickname: String?
        var isBot: Bool
        var lastSeen: Timestamp
    }

    private(set) var messages: [String: Entry] = [:]
    /// Thread id → id of its earliest message, the thread's root.
    private(set) var threadRoots: [String: String] = [:]
    private(set) var accounts: [String: Account] = [:]

    mutating func add(_ message: DiscordExport.Message, time: Timestamp, threadID: String?) {
        messages[message.id] = Entry(
            time: time, authorID: message.author?.id,
            referenceID: message.type == "Reply" ? message.reference?.messageId : nil, threadID: threadID)
        if let threadID {
            if let rootID = threadRoots[threadID], let root = messages[rootID], (root.time, rootID) <= (time, message.id) {
            } else {
                threadRoots[threadID] = message.id
            }
        }
        var users: [DiscordExport.User] = message.author.map { [$0] } ?? []
        users += message.mentions ?? []
        for reaction in message.reactions ?? [] { users += reaction.users ?? [] }
        for user in users { observe(user, at: time) }
    }

    private mutating func observe(_ user: DiscordExport.User, at time: Timestamp) {
        guard var account = accounts[user.id] else {
            accounts[user.id] = Account(
                id: user.id, name: user.name, nickname: user.nickname, isBot: user.isBot ?? false, lastSeen: time)
            return
        }
        account.isBot = account.isBot || user.isBot == true
        if time >= account.lastSeen {
            account.name = user.name ?? account.name
            account.nickname = user.nickname
            account.lastSeen = time
        }
        accounts[user.id] = account
    }

    /// The root of the conversation a reply to `messageID` belongs to: following replies to
    /// replies back to their first message, and a thread message to its thread's first message,
    /// so that every reply of one conversation names the same root (as Slack's `thread_ts` does).
    func conversationRoot(of messageID: String) -> (id: String, entry: Entry)? {
        guard var entry = messages[messageID] else { return nil }
        var id = messageID
        for _ in 0..<100 {
            if let thread = entry.threadID, let rootID = threadRoots[thread], rootID != id, let root = messages[rootID] {
                (id, entry) = (rootID, root)
            } else if let next = entry.referenceID, let referenced = messages[next] {
                (id, entry) = (next, referenced)
            } else {
                break
            }
        }
        return (id, entry)
    }

    /// The identities of every account seen (authors, mentioned users, reactors).
    var identities: [Identity] {
        accounts.values.sorted { $0.id < $1.id }.map { account in
            let name = account.name ?? account.id
            return Identity(
                externalID: account.id, handle: name, displayName: account.nickname ?? name, isBot: account.isBot,
                isDeleted: Self.isDeletedName(name),
                githubLogin: GitHubProfileLink.login(in: account.nickname ?? "") ?? GitHubProfileLink.login(in: account.name ?? ""))
        }
    }

    /// Discord renames a deleted account to `Deleted User` (older exports, discriminator `0000`) or
    /// `deleted_user_<hex>` (since unique usernames).
    static func isDeletedName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.hasPrefix("deleted user") || lowered.hasPrefix("deleted_user_")
    }
}
