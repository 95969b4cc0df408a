import Foundation

/// Reads `users.json` straight from its bytes into `SlackUser`s with `JSONByteReader`, decoding
/// only the fields Heartbeat stores. `JSONDecoder` took 0.3 s of CPU on a 50,000-member
/// workspace's 23 MB file at the start of every import, even one that adds a single day; this
/// reads it several times faster. `SlackUser`'s `Decodable` stays as the reference it is tested
/// against, and the results are the same, down to custom profile fields: any that are not an
/// object of `{"value": "…"}` objects read as none, as `Decodable` with `try?` reads them.
enum SlackUserReader {
    private typealias Failure = JSONByteReader.Failure

    static func read(_ data: Data, path: String) throws -> [SlackUser] {
        try JSONByteReader.readArray(data, path: path, expected: "an array of users", element: readUser)
    }

    private static func readUser(_ reader: inout JSONByteReader) throws -> SlackUser {
        try reader.require(UInt8(ascii: "{"), field: "", expected: "a user object")
        var user = SlackUser(id: "")
        var sawID = false
        try reader.readObject { reader, key in
            switch Key(key) {
            case .id:
                user.id = try reader.readString(field: ".id")
                sawID = true
            case .teamID: user.teamID = try reader.readOptionalString(field: ".team_id")
            case .name: user.name = try reader.readOptionalString(field: ".name")
            case .deleted: user.deleted = try reader.readOptionalBool(field: ".deleted")
            case .realName: user.realName = try reader.readOptionalString(field: ".real_name")
            case .tz: user.tz = try reader.readOptionalString(field: ".tz")
            case .isBot: user.isBot = try reader.readOptionalBool(field: ".is_bot")
            case .isAdmin: user.isAdmin = try reader.readOptionalBool(field: ".is_admin")
            case .isOwner: user.isOwner = try reader.readOptionalBool(field: ".is_owner")
            case .profile: user.profile = try readProfile(&reader)
            default: try reader.skipValue()
            }
        }
        guard sawID else { throw Failure.type(field: ".id", expected: "the required field `id`", offset: reader.index - 1) }
        return user
    }

    private static func readProfile(_ reader: inout JSONByteReader) throws -> SlackUser.Profile? {
        if try reader.readNull() { return nil }
        try reader.require(UInt8(ascii: "{"), field: ".profile", expected: "an object")
        var profile = SlackUser.Profile()
        try reader.readObject { reader, key in
            switch Key(key) {
            case .realName: profile.realName = try reader.readOptionalString(field: ".profile.real_name")
            case .displayName: profile.displayName = try reader.readOptionalString(field: ".profile.display_name")
            case .email: profile.email = try reader.readOptionalString(field: ".profile.email")
            case .title: profile.title = try reader.readOptionalString(field: ".profile.title")
            case .botID: profile.botID = try reader.readOptionalString(field: ".profile.bot_id")
            case .fields: profile.fieldValues = try readFieldValues(&reader)
            default: try reader.skipValue()
            }
        }
        return profile
    }

    /// `{"Xf01": {"value": "https://github.com/alice", "alt": ""}, …}`: the values in key order.
    /// Slack writes `[]` or `null` when there are none; anything but an object of objects whose
    /// `value` is a string or null reads as none.
    private static func readFieldValues(_ reader: inout JSONByteReader) throws -> [String] {
        guard reader.startsWith(UInt8(ascii: "{")) else {
            try reader.skipValue()
            return []
        }
        var values: [String: String?] = [:]
        var wellFormed = true
        try reader.readObjectNamingKeys { reader, name in
            guard wellFormed, reader.startsWith(UInt8(ascii: "{")) else {
                wellFormed = false
                return try reader.skipValue()
            }
            var value: String?
            try reader.readObject { reader, key in
                guard Key(key) == .value, wellFormed else { return try reader.skipValue() }
                if try reader.readNull() {
                    value = nil
                } else if reader.startsWith(UInt8(ascii: "\"")) {
                    value = try reader.readString(field: ".profile.fields")
                } else {
                    wellFormed = false
                    try reader.skipValue()
                }
            }
            values[name] = value
        }
        guard wellFormed else { return [] }
        return values.keys.sorted().compactMap { values[$0] ?? nil }
    }

    /// The keys Heartbeat reads, classified by their bytes; everything else is `.other`.
    private enum Key {
        case id, teamID, name, deleted, realName, tz, isBot, isAdmin, isOwner, profile
        case displayName, email, title, botID, fields, value, other

        @inline(__always)
        init(_ key: UnsafeRawBufferPointer?) {
            guard let key else {
                self = .other
                return
            }
            switch key.count {
            case 2: self = key.spells("id") ? .id : key.spells("tz") ? .tz : .other
            case 4: self = key.spells("name") ? .name : .other
            case 5: self = key.spells("email") ? .email : key.spells("title") ? .title : key.spells("value") ? .value : .other
            case 6: self = key.spells("is_bot") ? .isBot : key.spells("bot_id") ? .botID : key.spells("fields") ? .fields : .other
            case 7: self = key.spells("team_id") ? .teamID : key.spells("deleted") ? .deleted : key.spells("profile") ? .profile : .other
            case 8: self = key.spells("is_admin") ? .isAdmin : key.spells("is_owner") ? .isOwner : .other
            case 9: self = key.spells("real_name") ? .realName : .other
            case 12: self = key.spells("display_name") ? .displayName : .other
            default: self = .other
            }
        }
    }
}
