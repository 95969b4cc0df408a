import Foundation
import HeartbeatCore

/// One of an export's conversation lists (`channels.json`, `groups.json`, `mpims.json`,
/// `dms.json`), read: which folder is which conversation.
///
/// A list read from its file is recorded with its conversations (without the member lists, a few
/// KB of the 1M bench's 2.4 MB `channels.json`) as the record's contents; while the file stays as
/// recorded (size and modification time), the next import takes them from the store instead of
/// reading and parsing the file (3-4 ms of a one-more-day import's 80).
struct SlackChannelList {
    var kind: Space.Kind
    var channels: [SlackChannel]
    /// The record to write for a list read from its file; `nil` for one taken from the store.
    var source: SourceFile?

    /// The lists an export has, with the kind of conversation each holds.
    static func entries(of layout: SlackExportLayout) -> [(entry: ExportEntry, kind: Space.Kind)] {
        [
            (layout.channels, .publicChannel), (layout.groups, .privateChannel), (layout.mpims, .groupMessage),
            (layout.dms, .directMessage),
        ].compactMap { entry, kind in entry.map { ($0, kind) } }
    }

    /// The list's key among the workspace's source files: its path inside the export.
    static func key(of entry: ExportEntry, in layout: SlackExportLayout) -> String {
        String(entry.path.dropFirst(layout.prefix.count))
    }

    /// Reads and parses the file; its record keeps the conversations read.
    static func read(
        _ entry: ExportEntry, kind: Space.Kind, layout: SlackExportLayout, archive: any ExportArchive
    ) throws -> SlackChannelList {
        let data = try archive.read(entry)
        let channels = try SlackChannelReader.read(data, path: entry.path)
        var source = SourceFile(
            key: key(of: entry, in: layout), path: entry.path, fingerprint: archive.fingerprint(of: entry, data: data),
            modified: entry.modified)
        source.contents = try JSONEncoder().encode(channels)
        return SlackChannelList(kind: kind, channels: channels, source: source)
    }

    /// The conversations recorded with the list's record, when the file is as recorded then and
    /// the record kept them; `nil` otherwise (the file is read).
    static func recalled(
        _ entry: ExportEntry, kind: Space.Kind, recorded: RecordedSource?, contents: () throws -> Data?
    ) throws -> SlackChannelList? {
        guard let recorded, let modified = entry.modified, recorded.matches(size: entry.size, modified: modified),
            let contents = try contents(),
            let channels = try? SlackChannelReader.read(contents, path: entry.path)
        else { return nil }
        return SlackChannelList(kind: kind, channels: channels, source: nil)
    }
}
