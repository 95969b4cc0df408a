/// A community: everything one company knows about one of its communities (workspaces, members,
/// activity, contributor program, readership, events). A PostgreSQL database holds many, each
/// apart from the others; a SQLite file holds one.
public struct Community: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var createdAt: Timestamp

    public init(id: Int64, name: String, createdAt: Timestamp) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }

    /// The community a store uses when none is named (`--community`).
    public static let defaultName = "default"

    /// Names are used on the command line and in URLs: letters, digits, `-`, `_` and `.`, 1 to 64 characters.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
    }
}
