import Foundation
import HeartbeatCore
import ZIPFoundation

/// A Slack export zip as downloaded. Entries are decompressed one at a time; fingerprints come from
/// the central directory, so an unchanged day file is skipped without decompressing it.
final class ZipExportArchive: ExportArchive {
    let location: String
    let entries: [ExportEntry]
    private let archive: Archive
    private var zipEntries: [String: Entry] = [:]

    init(path: String) throws {
        location = path
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw ImportError.damagedArchive(path, reason: Self.describe(error))
        }
        var list: [ExportEntry] = []
        for entry in archive where entry.type == .file {
            let name = entry.path
            guard !name.hasPrefix("__MACOSX/") else { continue }
            zipEntries[name] = entry
            list.append(
                ExportEntry(
                    path: name, size: Int64(entry.uncompressedSize),
                    knownFingerprint: FileFingerprint(
                        size: Int64(entry.uncompressedSize), checksum: FileFingerprint.crc32Text(entry.checksum))))
        }
        if list.isEmpty, (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 > 0 {
            // ZIPFoundation yields no entries when the central directory is cut off.
            throw ImportError.damagedArchive(path, reason: "no readable entries")
        }
        entries = list.sorted { $0.path < $1.path }
    }

    func read(_ entry: ExportEntry) throws -> Data {
        guard let zipEntry = zipEntries[entry.path] else {
            throw ImportError.unreadableEntry(entry.path, reason: "not in the archive")
        }
        var data = Data()
        data.reserveCapacity(Int(entry.size))
        do {
            _ = try archive.extract(zipEntry, skipCRC32: false) { chunk in data.append(chunk) }
        } catch {
            throw ImportError.unreadableEntry(entry.path, reason: Self.describe(error))
        }
        guard data.count == entry.size else {
            throw ImportError.unreadableEntry(
                entry.path, reason: "expected \(entry.size) bytes, got \(data.count): truncated")
        }
        return data
    }

    private static func describe(_ error: any Error) -> String {
        // ZIPFoundation's decompression errors are not public: recognise them by name.
        let text = "\(error)"
        if text.contains("corruptedData") || text.contains("invalidStream") { return "corrupted compressed data" }
        guard let archiveError = error as? Archive.ArchiveError else { return "\(error)" }
        switch archiveError {
        case .unreadableArchive: return "damaged or inaccessible archive"
        case .missingEndOfCentralDirectoryRecord: return "missing end-of-central-directory record: the file is truncated"
        case .invalidCRC32: return "checksum mismatch: the data is corrupted"
        case .invalidCompressionMethod: return "unsupported compression method"
        default: return "\(archiveError)"
        }
    }
}
