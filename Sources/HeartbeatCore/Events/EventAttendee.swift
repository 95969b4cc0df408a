import Foundation

/// One person on one event's attendance list: registered, and perhaps attended. Several rows of
/// an export for the same person (a Zoom report lists every rejoin) are merged into one.
public struct EventAttendee: Sendable, Hashable, Codable {
    public var eventID: Int64
    /// Who this is within the event: the lower-cased e-mail, else `name:` and the lower-cased name.
    public var key: String
    public var name: String?
    public var email: String?
    public var registeredAt: Timestamp?
    public var attended: Bool
    public var joinedAt: Timestamp?
    public var leftAt: Timestamp?
    /// Minutes present, summed over rejoins.
    public var minutes: Double?

    public init(
        eventID: Int64, key: String, name: String? = nil, email: String? = nil, registeredAt: Timestamp? = nil,
        attended: Bool, joinedAt: Timestamp? = nil, leftAt: Timestamp? = nil, minutes: Double? = nil
    ) {
        self.eventID = eventID
        self.key = key
        self.name = name
        self.email = email
        self.registeredAt = registeredAt
        self.attended = attended
        self.joinedAt = joinedAt
        self.leftAt = leftAt
        self.minutes = minutes
    }

    /// The key for a person given by e-mail and/or name; nil when both are empty.
    public static func key(email: String?, name: String?) -> String? {
        if let email = email?.trimmingCharacters(in: .whitespaces).lowercased(), !email.isEmpty { return email }
        if let name = name?.trimmingCharacters(in: .whitespaces).lowercased(), !name.isEmpty { return "name:" + name }
        return nil
    }
}
