import Foundation

/// A role a member holds in the contributor program (author, editor, beta tester, evangelist,
/// moderator, or one named in `heartbeat.toml`), from `starts` to `ends`.
public struct RoleGrant: Sendable, Hashable, Codable {
    public var id: Int64
    public var member: MemberRef
    public var role: String
    /// First day held.
    public var starts: CivilDate
    /// First day no longer held; `nil` while held.
    public var ends: CivilDate?
    public var note: String

    public init(id: Int64, member: MemberRef, role: String, starts: CivilDate, ends: CivilDate?, note: String = "") {
        self.id = id
        self.member = member
        self.role = role
        self.starts = starts
        self.ends = ends
        self.note = note
    }

    /// Whether the role was held on any day of `[fromDay, toDay)` (day numbers).
    public func overlaps(fromDay: Int64, toDay: Int64) -> Bool {
        starts.dayNumber < toDay && (ends.map { $0.dayNumber > fromDay } ?? true)
    }

    /// The roles every community has; `heartbeat.toml` can add more (`[contributors] roles`).
    public static let builtInRoles = ["author", "editor", "beta-tester", "evangelist", "moderator"]

    /// A role name as stored: lower-cased, spaces and underscores as hyphens (`Beta tester` →
    /// `beta-tester`).
    public static func normalizedRole(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
            .split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).joined(separator: "-")
    }
}
