/// A member as the contributor program shows one: the store's member id (stable across
/// re-imports) and a name to print.
public struct MemberRef: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    /// The handle on the member's first platform account, without `@`; empty for a member known
    /// only to the contributor program.
    public var handle: String

    public init(id: Int64, name: String, handle: String = "") {
        self.id = id
        self.name = name
        self.handle = handle
    }

    /// `Name (@handle)`, or the name alone.
    public var label: String { handle.isEmpty || handle == name ? name : "\(name) (@\(handle))" }
}
