/// A published version of the contributor guidelines. The newest by `published` date is the
/// current one; contributors are asked to accept it.
public struct GuidelineVersion: Sendable, Hashable, Codable {
    /// As the team names it (`2.0`, `2026-09`).
    public var version: String
    public var published: CivilDate
    public var url: String?
    /// Members who accepted this version.
    public var acceptedBy: Int

    public init(version: String, published: CivilDate, url: String? = nil, acceptedBy: Int = 0) {
        self.version = version
        self.published = published
        self.url = url
        self.acceptedBy = acceptedBy
    }
}

/// A member's acceptance of one guidelines version.
public struct GuidelineAcceptance: Sendable, Hashable, Codable {
    public var member: MemberRef
    public var version: String
    public var at: Timestamp

    public init(member: MemberRef, version: String, at: Timestamp) {
        self.member = member
        self.version = version
        self.at = at
    }
}
