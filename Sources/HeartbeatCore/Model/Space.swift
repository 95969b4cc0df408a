/// Where conversation happens: a channel, a private group, a group DM or a DM.
public struct Space: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case publicChannel = "public"
        case privateChannel = "private"
        case groupMessage = "group_dm"
        case directMessage = "dm"
    }

    public var externalID: String
    public var name: String
    public var kind: Kind
    public var isArchived: Bool
    public var createdAt: Timestamp?
    public var topic: String?
    public var purpose: String?

    public init(
        externalID: String, name: String, kind: Kind, isArchived: Bool = false, createdAt: Timestamp? = nil,
        topic: String? = nil, purpose: String? = nil
    ) {
        self.externalID = externalID
        self.name = name
        self.kind = kind
        self.isArchived = isArchived
        self.createdAt = createdAt
        self.topic = topic
        self.purpose = purpose
    }
}
