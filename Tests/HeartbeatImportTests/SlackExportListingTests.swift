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
/// for a zip. Its stamps, read back (`Previous`), know each day file exactly as it was listed.
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

    private func setModified(_ url: URL, seconds: Int) {
        var times = [timespec(tv_sec: seconds, tv_nsec: 7), timespec(tv_sec: seconds, tv_nsec: 7)]
        #expect(utimensat(AT_FDCWD, url.path, &times, 0) == 0)
    }

    @Test func stampsReadBackKnowEachDayFileAsListed() throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        let first = try #require(try listing(copy))
        let contents = try #require(first.source(at: copy.path).contents)
        let previous = try #require(SlackExportListing.Previous(contents))
        #expect(first.dayFiles.count == 3)
        var next = 0
        #expect(first.dayFiles.allSatisfy { previous.contains($0, next: &next) })
        #expect(previous.hasSameChannelLists(as: first))

        // A touched day file and a new one are not known; the others still are.
        setModified(copy.appendingPathComponent("general/2026-03-02.json"), seconds: 1_700_000_000)
        try Data("[]".utf8).write(to: copy.appendingPathComponent("help/2026-03-04.json"))
        let second = try #require(try listing(copy))
        let layout = try SlackExportLayout(archive: openExportArchive(at: copy.path))
        var cursor = 0
        let known = zip(layout.dayFiles, second.dayFiles).map { day, stamp in
            (day.entry.path, previous.contains(stamp, next: &cursor))
        }
        #expect(known.map(\.0) == ["general/2026-03-02.json", "general/2026-03-09.json", "help/2026-03-03.json", "help/2026-03-04.json"])
        #expect(known.map(\.1) == [false, true, true, false])
        #expect(previous.hasSameChannelLists(as: second))

        // A channel list touched: the folders may name other conversations now.
        setModified(copy.appendingPathComponent("channels.json"), seconds: 1_700_000_000)
        #expect(!previous.hasSameChannelLists(as: try #require(try listing(copy))))
    }

    /// Looked up with a cursor (the place after the last one found), stamps in listing order are
    /// known; one out of its place is not (its record is read instead) until more than
    /// `missesBeforeTable` look-ups missed, then it is found in the table. A stamp listed with
    /// another size or time, or never listed, is not known; only a listed path moves the cursor.
    @Test func cursorLookUpsInAndOutOfPlace() throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        let current = try #require(try listing(copy))
        let contents = try #require(current.source(at: copy.path).contents)
        let previous = try #require(SlackExportListing.Previous(contents))
        let stamps = current.dayFiles
        var next = 0
        for index in stamps.indices {
            #expect(previous.contains(stamps[index], next: &next))
            #expect(next == index + 1)
        }

        let unlisted = SlackExportListing.FileStamp(pathHash: 42, size: 1, modified: 1)
        next = 0
        #expect(!previous.contains(stamps[2], next: &next))
        #expect(next == 0)
        for _ in 2...SlackExportListing.Previous.missesBeforeTable {
            #expect(!previous.contains(unlisted, next: &next))
        }
        #expect(previous.contains(stamps[2], next: &next))
        #expect(next == 3)
        #expect(previous.contains(stamps[0], next: &next))
        #expect(next == 1)

        var touched = stamps[1]
        touched.modified += 1
        #expect(!previous.contains(touched, next: &next))
        #expect(next == 2)  // its path was listed there: the next file follows it
        #expect(!previous.contains(unlisted, next: &next))
        #expect(next == 2)
    }

    @Test func noStampsInTheUntrustedRecordOrInForeignBytes() {
        #expect(SlackExportListing.untrusted(at: "/x").contents == nil)
        #expect(SlackExportListing.Previous(Data()) == nil)
        #expect(SlackExportListing.Previous(Data("listing:abc".utf8)) == nil)
        // The magic, one channel list announced, and a stamp cut short.
        #expect(SlackExportListing.Previous(Data("HBL2".utf8) + Data([1, 0, 0, 0]) + Data(count: 23)) == nil)
    }
}
