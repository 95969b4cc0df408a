import Foundation
import HeartbeatCore
@testable import HeartbeatImport
import HeartbeatTestSupport
import Testing
import ZIPFoundation

@Suite struct ExportArchiveTests {
    @Test func zipAndFolderHoldTheSameFilesWithTheSameFingerprints() throws {
        let directory = try TemporaryDirectory.make()
        let zipURL = directory.appendingPathComponent("Tiny Slack export Mar 1 2026 - Mar 10 2026.zip")
        try FileManager.default.zipItem(at: Fixtures.tinyExport, to: zipURL, shouldKeepParent: false)

        let folder = try openExportArchive(at: Fixtures.tinyExport.path)
        let zipped = try openExportArchive(at: zipURL.path)
        #expect(folder.entries.map(\.path) == zipped.entries.map(\.path))
        for (folderEntry, zipEntry) in zip(folder.entries, zipped.entries) {
            let folderData = try folder.read(folderEntry)
            let zipData = try zipped.read(zipEntry)
            #expect(folderData == zipData)
            #expect(folder.fingerprint(of: folderEntry, data: folderData) == zipEntry.knownFingerprint)
        }
        #expect(SlackImportJob.workspaceName(fromExportPath: zipURL.path) == "Tiny")
    }

    @Test func findsAnExportInsideOneTopFolder() throws {
        let directory = try TemporaryDirectory.make()
        let zipURL = directory.appendingPathComponent("wrapped.zip")
        try FileManager.default.zipItem(at: Fixtures.tinyExport, to: zipURL, shouldKeepParent: true)
        let layout = try SlackExportLayout(archive: openExportArchive(at: zipURL.path))
        #expect(layout.prefix == "tiny-export/")
        #expect(layout.dayFiles.map { "\($0.folder)/\($0.date)" } == ["general/2026-03-02", "general/2026-03-09", "help/2026-03-03"])
    }

    @Test func truncatedZipIsAClearError() throws {
        let directory = try TemporaryDirectory.make()
        let zipURL = directory.appendingPathComponent("export.zip")
        try FileManager.default.zipItem(at: Fixtures.tinyExport, to: zipURL, shouldKeepParent: false)
        let bytes = try Data(contentsOf: zipURL)
        let truncated = directory.appendingPathComponent("truncated.zip")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let error = try #require(throws: ImportError.self) { try openExportArchive(at: truncated.path) }
        #expect(error.identifier == "damaged-archive")
        #expect(error.file == truncated.path)
        #expect(error.message.contains("truncated"))
    }

    @Test func folderWithoutUsersJSONIsNotAnExport() throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("users.json"))
        let error = try #require(throws: ImportError.self) { try SlackExportLayout(archive: openExportArchive(at: copy.path)) }
        #expect(error.identifier == "not-an-export")
        #expect(error.message.contains("users.json not found"))
    }

    /// A folder's files are read by `open`/`read` into a buffer the listing's size: a file that
    /// grew or shrank since the listing is read whole all the same, and one that vanished is an
    /// error naming it.
    @Test func folderFileReadWholeWhateverItsSizeNow() throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        let archive = try openExportArchive(at: copy.path)
        let entry = try #require(archive.entries.first { $0.path == "users.json" })
        let original = try Data(contentsOf: copy.appendingPathComponent("users.json"))
        #expect(try archive.read(entry) == original)
        let grown = Data((0..<(3 * original.count + 17)).map { UInt8(truncatingIfNeeded: $0) })
        try grown.write(to: copy.appendingPathComponent("users.json"))
        #expect(try archive.read(entry) == grown)
        try Data("[]".utf8).write(to: copy.appendingPathComponent("users.json"))
        #expect(try archive.read(entry) == Data("[]".utf8))
        try FileManager.default.removeItem(at: copy.appendingPathComponent("users.json"))
        let error = try #require(throws: ImportError.self) { try archive.read(entry) }
        #expect(error.identifier == "unreadable-entry")
        #expect(error.message.contains("No such file"))
    }

    /// Folder entries come out in path order whatever the names: a folder sorts as `name/`
    /// among the files and folders beside it (`a.json` < `a/…`, `a-b/…` < `a/…`), a subfolder's
    /// files among its folder's, and names sharing their first 16 bytes (the sort's integer key)
    /// by the rest.
    @Test func folderEntriesAreInPathOrder() throws {
        let root = try TemporaryDirectory.make().appendingPathComponent("export")
        let files = [
            "a.json", "a/2.json", "a/10.json", "a-b/x.json", "a/b/c.json", "b", "A/z.json", "a b/y.json",
            "a/2024-01-31.json", "a/2024-01-31.json.bak", "a/2024-01-31.jso", "a/z/2024-01-01.json",
            "a/sixteen-bytes-12.json", "a/sixteen-bytes-1.json", "a/sixteen-bytes-2.json", "a/caf\u{E9}.json",
        ]
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.utf8).write(to: url)
        }
        let archive = try openExportArchive(at: root.path)
        #expect(archive.entries.map(\.path) == files.sorted())
        for entry in archive.entries { #expect(try archive.read(entry) == Data(entry.path.utf8)) }
    }

    @Test func missingPathIsAClearError() throws {
        let error = try #require(throws: ImportError.self) { try openExportArchive(at: "/nonexistent/export.zip") }
        #expect(error.identifier == "export-not-found")
    }
}

@Suite struct CRC32Tests {
    @Test func matchesTheStandardCheckValues() {
        #expect(CRC32.checksum(Data("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(Data()) == 0)
        let long = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        #expect(CRC32.checksum(long) == long.crc32(checksum: 0))
    }

    /// The folded path (whole 16-byte blocks, from 64 bytes) and zlib's for the rest agree with
    /// ZIPFoundation's table at every length around the block sizes, from unaligned starts, and
    /// when a file is checksummed in pieces.
    @Test func everyLengthStartAndSplitAgreesWithATable() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<5_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for length in Array(0...300) + [1_023, 1_024, 1_025, 4_096, 4_980] {
            for start in [0, 1, 7, 15] where start + length <= bytes.count {
                let piece = Data(bytes[start..<(start + length)])
                #expect(CRC32.checksum(piece) == piece.crc32(checksum: 0), "length \(length) from \(start)")
            }
        }
        let whole = Data(bytes)
        for _ in 0..<200 {
            let cut = Int.random(in: 0...bytes.count, using: &generator)
            let first = CRC32.checksum(Data(bytes[..<cut]))
            let continued = Data(bytes[cut...]).withUnsafeBytes { CRC32.checksum($0, continuing: first) }
            #expect(continued == whole.crc32(checksum: 0), "cut at \(cut)")
        }
    }
}
