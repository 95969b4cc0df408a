import HeartbeatCore

/// Folds identity rows, ordered by member id then identity id, into one snapshot member per
/// member id: the first identity names it; it is a bot only if all its identities are, deleted
/// only if all are, an admin if any is.
struct MemberFold {
    private(set) var members: [CommunitySnapshot.Member] = []
    private var identities: [(identity: Int64, member: Int32)] = []
    private var lastMemberID: Int64?
    /// The last platform name read and what it is: one per store in practice, so most accounts
    /// compare one string instead of trying every `Platform` raw value.
    private var lastPlatform: (name: String, value: Platform)?

    init(capacity: Int = 0) {
        members.reserveCapacity(capacity)
        identities.reserveCapacity(capacity)
    }

    mutating func add(
        identity: Int64, member memberID: Int64, displayName: String, handle: String, title: String?, platform: String,
        isBot: Bool, isDeleted: Bool, externalID: String, timeZone: String?, isAdmin: Bool
    ) {
        if memberID == lastMemberID {
            let existing = members.count - 1
            identities.append((identity, Int32(existing)))
            members[existing].isBot = members[existing].isBot && isBot
            members[existing].isDeleted = members[existing].isDeleted && isDeleted
            members[existing].isAdmin = members[existing].isAdmin || isAdmin
            if members[existing].timeZone == nil { members[existing].timeZone = timeZone }
            return
        }
        lastMemberID = memberID
        identities.append((identity, Int32(members.count)))
        var member = CommunitySnapshot.Member(
            id: memberID, displayName: displayName, handle: handle, title: title,
            platform: platformValue(platform), isBot: isBot, isDeleted: isDeleted, firstSeen: nil,
            firstPost: nil)
        member.externalID = externalID
        member.timeZone = timeZone
        member.isAdmin = isAdmin
        members.append(member)
    }

    private mutating func platformValue(_ name: String) -> Platform {
        if let lastPlatform, lastPlatform.name == name { return lastPlatform.value }
        let value = Platform(rawValue: name) ?? .slack
        lastPlatform = (name, value)
        return value
    }

    /// Identity id → index into `members`; -1 for identities not added.
    func memberByIdentity() -> RowIDTable<Int32> {
        let identityIDs = identities.map(\.identity)
        var table = RowIDTable<Int32>(
            ids: identityIDs.min().map { $0...identityIDs.max()! }, count: identities.count, missing: -1)
        for (identity, member) in identities { table[identity] = member }
        return table
    }
}
