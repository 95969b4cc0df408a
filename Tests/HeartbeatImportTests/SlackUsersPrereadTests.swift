import Foundation
import HeartbeatCore
@testable import HeartbeatImport
import HeartbeatTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `users.json` read while the folder is listed is used only if it is the file the listing saw:
/// the same accounts as reading it afterwards, and nothing at all for a file that changed in
/// between, one the store already knows, or one that does not parse (the import then reads it
/// itself and reports the error as before).
@Suite struct SlackUsersPrereadTests {
    private func layout(_ folder: URL) throws -> SlackExportLayout {
        try SlackExportLayout(archive: openExportArchive(at: folder.path))
    }

    @Test func givesWhatReadingTheListedFileGives() async throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        let preread = try #require(await SlackUsersPreread.start(folder: copy.path) { _, _ in false })
        let layout = try layout(copy)
        let read = try #require(preread.read(matching: layout.users))
        let data = try Data(contentsOf: copy.appendingPathComponent("users.json"))
        #expect(read.users == (try SlackUserReader.read(data, path: "users.json")))
        #expect(read.accounts.map(\.externalID) == read.users.map(\.id))
        #expect(read.fingerprint == FileFingerprint.crc32(of: data))
        #expect(read.size == layout.users.size && read.modified == layout.users.modified)
    }

    @Test func aFileChangedAfterItWasReadIsNotUsed() async throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        let users = copy.appendingPathComponent("users.json")
        let preread = try #require(await SlackUsersPreread.start(folder: copy.path) { _, _ in false })
        _ = preread.read(matching: try layout(copy).users)  // the worker is done
        // Rewritten with other content and another time before the listing saw it.
        try Data("[]".utf8).write(to: users)
        var times = [timespec(tv_sec: 1_700_000_000, tv_nsec: 5), timespec(tv_sec: 1_700_000_000, tv_nsec: 5)]
        #expect(utimensat(AT_FDCWD, users.path, &times, 0) == 0)
        #expect(preread.read(matching: try layout(copy).users) == nil)
    }

    @Test func aKnownOrBrokenFileIsLeftToTheImport() async throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        var asked: (Int64, Int64)?
        let skipped = await SlackUsersPreread.start(folder: copy.path) { size, modified in
            asked = (size, modified)
            return true
        }
        #expect(skipped == nil)
        let listed = try layout(copy).users
        #expect(asked?.0 == listed.size && asked?.1 == listed.modified)

        try Data(#"[{"id": 3}]"#.utf8).write(to: copy.appendingPathComponent("users.json"))
        let broken = try #require(await SlackUsersPreread.start(folder: copy.path) { _, _ in false })
        #expect(broken.read(matching: try layout(copy).users) == nil)
        await #expect(throws: ImportError.self) {
            try await SlackImporter(path: copy.path).run(into: TestStores.make(.sqlite))
        }
    }
}
