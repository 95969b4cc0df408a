import Foundation
import HeartbeatCore

/// An unzipped export's whole listing: every metadata and day file's path, size and modification
/// time. Recorded after a complete import, beside the files' own records (under `key`, which no
/// file of an export can have: hidden names are never listed), in two forms:
///
/// - a `fingerprint` of all of it, so that a re-import of an untouched folder compares one record
///   instead of reading back one per file (33,191 for the 1M bench);
/// - file by file (`FileStamp`s, kept as the record's contents), so that a re-import of a folder
///   with a few new or changed files recognises every other one from the stamps alone, without
///   reading back the store's record of each (`Previous`).
struct SlackExportListing {
    /// The record's key in the store's list of source files.
    static let key = ".listing"

    /// One listed file: a 64-bit hash of its path's bytes (`ByteHash`), its size and its
    /// modification time. Two paths of one export share a hash with a probability near 10⁻¹¹ for
    /// the 1M bench, and would then also need the same size and nanosecond modification time to
    /// be mistaken.
    struct FileStamp: Hashable {
        var pathHash: UInt64
        var size: Int64
        var modified: Int64
    }

    let fingerprint: FileFingerprint
    /// The latest modification time of any file listed, in nanoseconds since 1970.
    let latestModified: Int64
    /// The channel lists (channels, groups, mpims, dms): which folder is which conversation.
    let channelLists: [FileStamp]
    /// One per `SlackExportLayout.dayFiles`, in the same order.
    let dayFiles: [FileStamp]
    /// The recorded form of the stamps (`encoded`), kept from the fingerprint for `source(at:)`.
    private let stampBytes: [UInt8]

    /// `nil` for a zip (its entries carry no modification time) or a layout with badly named
    /// files (those always take the full path, which reports them).
    init?(layout: SlackExportLayout) {
        guard layout.badlyNamed.isEmpty, let usersModified = layout.users.modified else { return nil }
        let lists = [layout.channels, layout.groups, layout.mpims, layout.dms].compactMap { $0 }
        var latest = usersModified
        func stamp(_ entry: borrowing ExportEntry) -> FileStamp? {
            guard let modified = entry.modified else { return nil }
            latest = max(latest, modified)
            let pathHash =
                entry.path.utf8.withContiguousStorageIfAvailable { ByteHash.of($0) }
                ?? Array(entry.path.utf8).withUnsafeBufferPointer { ByteHash.of($0) }
            return FileStamp(pathHash: pathHash, size: entry.size, modified: modified)
        }
        guard let usersStamp = stamp(layout.users) else { return nil }
        var listStamps: [FileStamp] = []
        for entry in lists {
            guard let stamp = stamp(entry) else { return nil }
            listStamps.append(stamp)
        }
        // In place, by index: a combined array of 33,191 entries copied each one (a retain and a
        // release of its path) for nothing.
        var dayStamps: [FileStamp] = []
        dayStamps.reserveCapacity(layout.dayFiles.count)
        for index in layout.dayFiles.indices {
            guard let stamp = stamp(layout.dayFiles[index].entry) else { return nil }
            dayStamps.append(stamp)
        }
        channelLists = listStamps
        dayFiles = dayStamps
        latestModified = latest
        // Two independent 64- and 32-bit hashes of every stamp (users.json's, then the stamps as
        // recorded), with the file count as the size: not a defence against forgery, a check that
        // nothing was touched. Of the stamps, not of the paths' bytes again: hashing the 1.6 MB of
        // paths a byte at a time (FNV-1a) was 2.5 ms of a one-more-day import.
        let recorded = Self.encoded(channelLists: listStamps, dayFiles: dayStamps)
        let users = Self.encoded(channelLists: [usersStamp], dayFiles: [])
        let hashes = [users, recorded].map { bytes in bytes.withUnsafeBytes { String(ByteHash.of($0), radix: 16) } }
        let crc = recorded.withUnsafeBytes { CRC32.checksum($0, continuing: users.withUnsafeBytes { CRC32.checksum($0) }) }
        fingerprint = FileFingerprint(
            size: Int64(1 + listStamps.count + dayStamps.count),
            checksum: "listing2:" + hashes.joined(separator: ":") + ":" + String(crc, radix: 16))
        stampBytes = recorded
    }

    /// Whether the listing can be trusted when recorded at `now`: as for each file
    /// (`RecordedSource.matches`), a file modified less than two seconds before could have been
    /// rewritten within the file system's timestamp granularity, and the next import must look
    /// at it again.
    func isSettled(at now: Timestamp) -> Bool {
        latestModified / 1000 < now.microseconds - 2_000_000
    }

    /// The record that no listing matches (a listing always counts at least its two metadata
    /// files) and that has no stamps.
    static func untrusted(at location: String) -> SourceFile {
        SourceFile(key: key, path: location, fingerprint: FileFingerprint(size: 0, checksum: "none"), modified: nil)
    }

    /// The record to store after an import that read or matched every file of the listing.
    func source(at location: String) -> SourceFile {
        var source = SourceFile(key: Self.key, path: location, fingerprint: fingerprint, modified: nil)
        source.contents = Data(stampBytes)
        return source
    }

    // MARK: File by file

    /// Format 2: the magic `HBL2`, the number of channel-list stamps, then every stamp (channel
    /// lists first, then day files) as three little-endian 64-bit integers. (Format 1 hashed
    /// paths with FNV-1a: an import after one reads the files' own records, once.)
    private static let magic: [UInt8] = Array("HBL2".utf8)

    /// Written in place into one buffer: 100,000 small appends to a `Data` took 0.01 s.
    private static func encoded(channelLists: [FileStamp], dayFiles: [FileStamp]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 8 + (channelLists.count + dayFiles.count) * 24)
        bytes.withUnsafeMutableBytes { buffer in
            buffer.copyBytes(from: Self.magic)
            buffer.storeBytes(of: UInt32(channelLists.count).littleEndian, toByteOffset: 4, as: UInt32.self)
            var offset = 8
            for stamps in [channelLists, dayFiles] {
                for stamp in stamps {
                    buffer.storeBytes(of: stamp.pathHash.littleEndian, toByteOffset: offset, as: UInt64.self)
                    buffer.storeBytes(of: UInt64(bitPattern: stamp.size).littleEndian, toByteOffset: offset + 8, as: UInt64.self)
                    buffer.storeBytes(
                        of: UInt64(bitPattern: stamp.modified).littleEndian, toByteOffset: offset + 16, as: UInt64.self)
                    offset += 24
                }
            }
        }
        return bytes
    }

    /// The listing a complete import recorded, read back from its stamps.
    struct Previous {
        let channelLists: Set<FileStamp>
        /// The day files' stamps, in the order they were listed.
        private let dayStamps: [FileStamp]
        /// Day files by path hash, built only once more than `missesBeforeTable` look-ups missed
        /// their place (`contains(_:next:)`): building it for 33,191 files took 2-3 ms of a
        /// one-more-day import, which finds every file in its place but its 60 new ones.
        private let lookUp = LookUp()

        /// A file is found out of its place this many times (each then read from its own record
        /// in the store, as a new file is) before the table is built.
        static let missesBeforeTable = 256

        private final class LookUp {
            var table: IntegerKeyTable?
            /// Table id → the place of the first stamp with that path hash.
            var positions: [Int] = []
            var misses = 0
        }

        /// `nil` for anything but format 2 (a record from before stamps were kept, or the
        /// untrusted record's empty contents).
        init?(_ data: Data) {
            guard data.count >= 8, data.prefix(4).elementsEqual(SlackExportListing.magic),
                (data.count - 8) % 24 == 0
            else { return nil }
            let parsed = data.withUnsafeBytes { bytes -> (Set<FileStamp>, [FileStamp])? in
                func integer(at offset: Int) -> UInt64 {
                    UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                }
                let lists = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
                let stamps = (bytes.count - 8) / 24
                guard stamps >= lists else { return nil }
                var listStamps: Set<FileStamp> = []
                var days: [FileStamp] = []
                days.reserveCapacity(stamps - lists)
                for position in 0..<stamps {
                    let offset = 8 + position * 24
                    let stamp = FileStamp(
                        pathHash: integer(at: offset), size: Int64(bitPattern: integer(at: offset + 8)),
                        modified: Int64(bitPattern: integer(at: offset + 16)))
                    if position < lists { listStamps.insert(stamp) } else { days.append(stamp) }
                }
                return (listStamps, days)
            }
            guard let parsed else { return nil }
            (channelLists, dayStamps) = parsed
        }

        /// Whether the folders still name the same conversations: every channel list as it was.
        func hasSameChannelLists(as listing: SlackExportListing) -> Bool {
            channelLists == Set(listing.channelLists)
        }

        /// Whether this day file is listed exactly so: same path, size and modification time.
        /// `next` is the place after the last day file found: a listing of the same folder comes
        /// in the same order, new files aside, so the stamp is usually there. `false` (look at
        /// the file's own record) for a file not listed, changed, or, until `missesBeforeTable`,
        /// listed elsewhere.
        func contains(_ stamp: FileStamp, next: inout Int) -> Bool {
            let id: Int
            if next < dayStamps.count, dayStamps[next].pathHash == stamp.pathHash {
                id = next
            } else if let found = elsewhere(stamp.pathHash) {
                id = found
            } else {
                return false
            }
            next = id + 1
            return dayStamps[id] == stamp
        }

        /// Where a path hash was listed, once the table is built (the first of two alike).
        private func elsewhere(_ pathHash: UInt64) -> Int? {
            if lookUp.table == nil {
                lookUp.misses += 1
                guard lookUp.misses > Self.missesBeforeTable else { return nil }
                var table = IntegerKeyTable(minimumCapacity: dayStamps.count)
                var positions: [Int] = []
                positions.reserveCapacity(dayStamps.count)
                for (position, stamp) in dayStamps.enumerated() where table.intern(stamp.pathHash) == positions.count {
                    positions.append(position)
                }
                lookUp.table = table
                lookUp.positions = positions
            }
            return lookUp.table?.find(pathHash).map { lookUp.positions[Int($0)] }
        }
    }
}
