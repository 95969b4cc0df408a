import Foundation

/// Reads `channels.json` (and `groups.json`, `mpims.json`, `dms.json`) straight from its bytes into
/// `SlackChannel`s with `JSONByteReader`, decoding only the fields Heartbeat stores and skipping
/// the rest, the member lists above all (2.4 MB for the 1M bench's 60 channels, which
/// `JSONDecoder` parsed whole: 0.008 s of every import, a twentieth of one that adds a day).
/// `SlackChannel`'s `Decodable` stays as the reference it is tested against.
enum SlackChannelReader {
    private typealias Failure = JSONByteReader.Failure

    static func read(_ data: Data, path: String) throws -> [SlackChannel] {
        try JSONByteReader.readArray(data, path: path, expected: "an array of conversations", element: readChannel)
    }

    private static func readChannel(_ reader: inout JSONByteReader) throws -> SlackChannel {
        try reader.require(UInt8(ascii: "{"), field: "", expected: "a conversation object")
        var channel = SlackChannel(id: "")
        var sawID = false
        try reader.readObject { reader, key in
            switch Key(key) {
            case .id:
                channel.id = try reader.readString(field: ".id")
                sawID = true
            case .name: channel.name = try reader.readOptionalString(field: ".name")
            case .created: channel.created = try reader.readOptionalInt(field: ".created").map(Int64.init)
            case .isArchived: channel.isArchived = try reader.readOptionalBool(field: ".is_archived")
            case .topic: channel.topic = try readText(&reader, field: ".topic")
            case .purpose: channel.purpose = try readText(&reader, field: ".purpose")
            default: try reader.skipValue()
            }
        }
        guard sawID else { throw Failure.type(field: ".id", expected: "the required field `id`", offset: reader.index - 1) }
        return channel
    }

    /// `{"value": "…", "creator": …}` or `null`.
    private static func readText(_ reader: inout JSONByteReader, field: String) throws -> SlackChannel.Text? {
        if try reader.readNull() { return nil }
        try reader.require(UInt8(ascii: "{"), field: field, expected: "an object")
        var text = SlackChannel.Text()
        try reader.readObject { reader, key in
            if Key(key) == .value {
                text.value = try reader.readOptionalString(field: field + ".value")
            } else {
                try reader.skipValue()
            }
        }
        return text
    }

    /// The keys Heartbeat reads, classified by their bytes; everything else is `.other`.
    private enum Key {
        case id, name, created, isArchived, topic, purpose, value, other

        @inline(__always)
        init(_ key: UnsafeRawBufferPointer?) {
            guard let key else {
                self = .other
                return
            }
            switch key.count {
            case 2: self = key.spells("id") ? .id : .other
            case 4: self = key.spells("name") ? .name : .other
            case 5: self = key.spells("topic") ? .topic : key.spells("value") ? .value : .other
            case 7: self = key.spells("created") ? .created : key.spells("purpose") ? .purpose : .other
            case 11: self = key.spells("is_archived") ? .isArchived : .other
            default: self = .other
            }
        }
    }
}
