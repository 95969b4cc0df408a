import HeartbeatCore

/// A fingerprint of an unzipped export's whole listing: every metadata and day file's path, size
/// and modification time. Recorded after a complete import, beside the files' own records (under
/// `key`, which no file of an export can have: hidden names are never listed), so that a re-import
/// of an untouched folder compares one record instead of reading back one per file (33,191 for the
/// 1M bench, most of an unchanged re-import's time).
struct SlackExportListing {
    /// The record's key in the store's list of source files.
    static let key = ".listing"

    let fingerprint: FileFingerprint
    /// The latest modification time of any file listed, in nanoseconds since 1970.
    let latestModified: Int64

    /// `nil` for a zip (its entries carry no modification time) or a layout with badly named
    /// files (those always take the full path, which reports them).
    init?(layout: SlackExportLayout) {
        guard layout.badlyNamed.isEmpty, layout.users.modified != nil else { return nil }
        let metadata = [layout.users, layout.channels, layout.groups, layout.mpims, layout.dms].compactMap { $0 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((metadata.count + layout.dayFiles.count) * 48)
        var count: Int64 = 0
        var latest = Int64.min
        func add(_ entry: borrowing ExportEntry) -> Bool {
            guard let modified = entry.modified else { return false }
            latest = max(latest, modified)
            if entry.path.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
                bytes.append(contentsOf: entry.path.utf8)
            }
            bytes.append(0)
            withUnsafeBytes(of: entry.size.littleEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: modified.littleEndian) { bytes.append(contentsOf: $0) }
            count += 1
            return true
        }
        // In place, by index: a combined array of 33,191 entries copied each one (a retain and a
        // release of its path) for nothing.
        for entry in metadata { guard add(entry) else { return nil } }
        for index in layout.dayFiles.indices { guard add(layout.dayFiles[index].entry) else { return nil } }
        // Two independent 32- and 64-bit hashes of the same bytes, with the file count as the
        // size: not a defence against forgery, a check that nothing was touched.
        var fnv: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { for byte in $0 { fnv = (fnv ^ UInt64(byte)) &* 0x100_0000_01b3 } }
        let crc = bytes.withUnsafeBytes { CRC32.checksum($0) }
        latestModified = latest
        fingerprint = FileFingerprint(
            size: count, checksum: "listing:" + String(fnv, radix: 16) + ":" + String(crc, radix: 16))
    }

    /// Whether the listing can be trusted when recorded at `now`: as for each file
    /// (`RecordedSource.matches`), a file modified less than two seconds before could have been
    /// rewritten within the file system's timestamp granularity, and the next import must look
    /// at it again.
    func isSettled(at now: Timestamp) -> Bool {
        latestModified / 1000 < now.microseconds - 2_000_000
    }

    /// The record that no listing matches (a listing always counts at least its two metadata files).
    static func untrusted(at location: String) -> SourceFile {
        SourceFile(key: key, path: location, fingerprint: FileFingerprint(size: 0, checksum: "none"), modified: nil)
    }

    /// The record to store after an import that read or matched every file of the listing.
    func source(at location: String) -> SourceFile {
        SourceFile(key: Self.key, path: location, fingerprint: fingerprint, modified: nil)
    }
}
