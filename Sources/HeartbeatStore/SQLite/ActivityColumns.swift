import GRDB
import GRDBSQLite

/// The eight columns every report reads of each activity (id, author, channel, kind, time, thread
/// root, parent author, question), for a run of consecutive ids, packed into one blob: a row of
/// `activity_columns` holds every activity with an id in its `first_id...last_id`, and the snapshot
/// loader decodes it instead of stepping SQLite through each row. The row-by-row scan was the
/// report's largest cost (SQLite's per-row and per-column calls: 0.32 of the 0.86 s of CPU of the
/// 1M bench's `report --all`); the packs are written by the import that stores the activities, in
/// the same transaction, so they are never older than the table (`SQLiteIngestTransaction`).
///
/// Each row is a flags byte (question, has a thread root) and six LEB128 varints: id minus the
/// previous id, author, channel, kind, time minus the previous time (zigzag), and, when present,
/// time minus the thread root (zigzag); then the parent author. Missing ids are 0, as the scan
/// reads NULL. About 14 bytes per activity against ~140 in the table.
struct ActivityColumns: Sendable {
    /// The most activities one stored pack holds: about 1 MB, and the 1M bench's 1.1M activities
    /// in 17 packs, enough for the loader's two scans to share out evenly.
    static let rowsPerPack = 65_536
    /// A stored pack smaller than this is extended by the next import's activities rather than
    /// followed by a pack of its own, so daily imports do not leave thousands of tiny packs.
    static let extendBelow = rowsPerPack / 4

    static let formatVersion: UInt8 = 1

    /// The `activity` columns a pack holds, in `Row`'s order: what the table scans select, with
    /// or without packs (`ActivityScan`, `ActivityColumnPacks.pack`).
    static let tableColumns = "id, identity_id, space_id, kind, time, thread_root, parent_identity_id, is_question"

    /// One decoded row; optional store ids are 0 when missing.
    struct Row: Equatable, Sendable {
        var id: Int64
        var identity: Int64
        var space: Int64
        var kind: Int64
        var time: Int64
        var threadRoot: Int64
        var parentIdentity: Int64
        var isQuestion: Bool
    }

    private(set) var bytes: [UInt8] = [formatVersion]
    private(set) var count = 0
    /// The first and last id appended; meaningless while `count` is 0.
    private(set) var firstID: Int64 = 0
    private(set) var lastID: Int64 = 0
    private var previousTime: Int64 = 0

    init() {}

    /// Rows in increasing id order; an id not above the last one is a programming error.
    mutating func append(_ row: Row) {
        precondition(count == 0 || row.id > lastID, "activity columns must be appended in increasing id order")
        if count == 0 {
            firstID = row.id
            lastID = row.id &- 1
        }
        bytes.append((row.isQuestion ? 1 : 0) | (row.threadRoot != 0 ? 2 : 0))
        Self.putVarint(UInt64(bitPattern: row.id &- lastID), into: &bytes)
        Self.putVarint(UInt64(bitPattern: row.identity), into: &bytes)
        Self.putVarint(UInt64(bitPattern: row.space), into: &bytes)
        Self.putVarint(UInt64(bitPattern: row.kind), into: &bytes)
        Self.putVarint(Self.zigzag(row.time &- previousTime), into: &bytes)
        if row.threadRoot != 0 { Self.putVarint(Self.zigzag(row.time &- row.threadRoot), into: &bytes) }
        Self.putVarint(UInt64(bitPattern: row.parentIdentity), into: &bytes)
        lastID = row.id
        previousTime = row.time
        count += 1
    }

    /// Every row of `blob` (a pack's bytes whose first row has id `firstID`), in order. Throws
    /// when the blob is not a pack this version wrote, or ends inside a row.
    static func forEachRow(in blob: UnsafeRawBufferPointer, firstID: Int64, _ body: (Row) -> Void) throws {
        guard let base = blob.baseAddress?.assumingMemoryBound(to: UInt8.self), blob.count > 0, base[0] == formatVersion
        else { throw CorruptPack(firstID: firstID) }
        var reader = Reader(position: base + 1, end: base + blob.count)
        var id = firstID &- 1
        var time: Int64 = 0
        while reader.position < reader.end {
            let flags = reader.position.pointee
            reader.position += 1
            guard let idStep = reader.varint(), let identity = reader.varint(), let space = reader.varint(),
                let kind = reader.varint(), let timeStep = reader.varint()
            else { throw CorruptPack(firstID: firstID) }
            id &+= Int64(bitPattern: idStep)
            time &+= unzigzag(timeStep)
            var threadRoot: Int64 = 0
            if flags & 2 != 0 {
                guard let back = reader.varint() else { throw CorruptPack(firstID: firstID) }
                threadRoot = time &- unzigzag(back)
            }
            guard let parent = reader.varint() else { throw CorruptPack(firstID: firstID) }
            body(
                Row(
                    id: id, identity: Int64(bitPattern: identity), space: Int64(bitPattern: space),
                    kind: Int64(bitPattern: kind), time: time, threadRoot: threadRoot,
                    parentIdentity: Int64(bitPattern: parent), isQuestion: flags & 1 != 0))
        }
    }

    /// A pack that cannot be read: the store was written by another version or damaged.
    struct CorruptPack: Error, CustomStringConvertible {
        let firstID: Int64
        var description: String {
            "the packed activity columns from id \(firstID) cannot be read; run `heartbeat ingest` with a fresh --db"
        }
    }

    private struct Reader {
        var position: UnsafePointer<UInt8>
        let end: UnsafePointer<UInt8>

        @inline(__always) mutating func varint() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while position < end {
                let byte = position.pointee
                position += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }
    }

    @inline(__always) private static func putVarint(_ value: UInt64, into bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    @inline(__always) private static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    @inline(__always) private static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}
