import Foundation
import HeartbeatCore
@testable import HeartbeatImport
import HeartbeatTestSupport
import Testing
import ZIPFoundation

#if canImport(Glibc)
    import Glibc
#endif

/// The fingerprint of a folder's whole listing (`SlackExportListing`): the same for the same
/// files, different as soon as one file's time or size changes or a file comes or goes, absent
/// for a zip.
@Suite struct SlackExportListingTests {
    private func listing(_ url: URL) throws -> SlackExportListing? {
        SlackExportListing(layout: try SlackExportLayout(archive: openExportArchive(at: url.path)))
    }

    @Test func followsEveryFilesSizeAndTime() throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        let first = try #require(try listing(copy))
        #expect(first.fingerprint.size == 5)  // users.json, channels.json, 3 day files
        #expect(try listing(copy)?.fingerprint == first.fingerprint)

        let day = copy.appendingPathComponent("general/2026-03-02.json")
        var times = [timespec(tv_sec: 1_700_000_000, tv_nsec: 5), timespec(tv_sec: 1_700_000_000, tv_nsec: 5)]
        #expect(utimensat(AT_FDCWD, day.path, &times, 0) == 0)
        let touched = try #require(try listing(copy))
        #expect(touched.fingerprint != first.fingerprint)

        try Data("[]".utf8).write(to: copy.appendingPathComponent("help/2026-03-04.json"))
        let added = try #require(try listing(copy))
        #expect(added.fingerprint.size == 6)
        #expect(added.fingerprint != touched.fingerprint)
    }

    @Test func settledOnlyTwoSecondsAfterTheLatestChange() throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        let fresh = try #require(try listing(copy))
        let latest = Timestamp(microseconds: fresh.latestModified / 1000)
        #expect(!fresh.isSettled(at: latest))
        #expect(!fresh.isSettled(at: Timestamp(microseconds: latest.microseconds + 1_999_999)))
        #expect(fresh.isSettled(at: Timestamp(microseconds: latest.microseconds + 2_000_001)))
    }

    @Test func aZipHasNoListing() throws {
        let zip = try TemporaryDirectory.make().appendingPathComponent("export.zip")
        try FileManager.default.zipItem(at: Fixtures.tinyExport, to: zip, shouldKeepParent: false)
        #expect(try listing(zip) == nil)
    }
}
