import Foundation
import GRDB
import HeartbeatCore
@testable import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing
import ZIPFoundation

#if canImport(Glibc)
    import CoreFoundation
    import Glibc
#endif

/// What a re-import reads and rewrites: unchanged folder files are recognised by size and
/// modification time without being read, a changed file replaces exactly what it gave (its
/// reactions and mentions too), and a message repeated in two files is stored once.
@Suite struct IncrementalIngestTests {
    /// Sets a file's modification time to `seconds` (and nanoseconds) since 1970.
    private func setModified(_ url: URL, seconds: Int, nanoseconds: Int = 0) {
        var times = [
            timespec(tv_sec: seconds, tv_nsec: nanoseconds), timespec(tv_sec: seconds, tv_nsec: nanoseconds),
        ]
        #expect(utimensat(AT_FDCWD, url.path, &times, 0) == 0)
    }

    /// Overwrites the file with as many `x`s (same size, invalid JSON: read, it stops the import)
    /// and sets its modification time.
    private func breakKeepingSize(_ url: URL, seconds: Int, nanoseconds: Int = 0) throws {
        let size = try Data(contentsOf: url).count
        try Data(repeating: UInt8(ascii: "x"), count: size).write(to: url)
        setModified(url, seconds: seconds, nanoseconds: nanoseconds)
    }

    private static let hourAgo = Int(Date().timeIntervalSince1970) - 3600

    /// A copy of the tiny export whose files were all last modified at `seconds` (default: an
    /// hour ago) and 123,456,789 ns.
    private func agedCopy(seconds: Int = hourAgo) throws -> URL {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        for case let file as URL in FileManager.default.enumerator(at: copy, includingPropertiesForKeys: nil)!
        where file.pathExtension == "json" {
            setModified(file, seconds: seconds, nanoseconds: 123_456_789)
        }
        return copy
    }

    @Test(arguments: TestStores.kinds) func unchangedFileIsRecognisedWithoutReadingIt(_ kind: TestStoreKind) async throws {
        let copy = try agedCopy()
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: copy.path).run(into: store)

        // Same size, same modification time, different (broken) bytes: not read, so not noticed.
        let day = copy.appendingPathComponent("general/2026-03-02.json")
        try breakKeepingSize(day, seconds: Self.hourAgo, nanoseconds: 123_456_789)
        let again = try await SlackImporter(path: copy.path).run(into: store)
        #expect(again.dayFilesUnchanged == 3)
        #expect(again.bytesRead == 0)
        #expect(try await store.counts() == SlackIngestTests.tinyCounts)

        // Once its modification time moves, it is read, and the broken file is reported.
        setModified(day, seconds: Self.hourAgo + 60)
        await #expect(throws: ImportError.self) { try await SlackImporter(path: copy.path).run(into: store) }
        #expect(try await store.counts() == SlackIngestTests.tinyCounts)
    }

    @Test(arguments: TestStores.kinds) func unchangedMemberListIsNotReadForANewDay(_ kind: TestStoreKind) async throws {
        let copy = try agedCopy()
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: copy.path).run(into: store)

        // A new day: a message naming only the integration B1, one by its bot user UB, one by U1.
        let newDay = copy.appendingPathComponent("general/2026-03-16.json")
        try """
        [{"type": "message", "subtype": "bot_message", "bot_id": "B1", "ts": "1773655200.000100", "text": "deployed"},
         {"type": "message", "user": "UB", "ts": "1773655260.000100", "text": "release notes"},
         {"type": "message", "user": "U1", "ts": "1773655320.000100", "text": "thanks"}]
        """.write(to: newDay, atomically: true, encoding: .utf8)
        setModified(newDay, seconds: Self.hourAgo + 60)
        // users.json: same size, same modification time, broken bytes. Read, it would stop the import.
        let users = copy.appendingPathComponent("users.json")
        try breakKeepingSize(users, seconds: Self.hourAgo, nanoseconds: 123_456_789)

        let again = try await SlackImporter(path: copy.path).run(into: store)
        #expect(again.dayFilesImported == 1)
        #expect(again.dayFilesUnchanged == 3)
        #expect(again.activitiesWritten == 3)
        #expect(again.identities == 7)
        let snapshot = try await store.snapshot(ActivityQuery())
        let new = snapshot.activities.filter { $0.time >= Timestamp(seconds: 1_773_655_200).microseconds }
        #expect(new.map(\.kind) == [.botMessage, .botMessage, .message])
        #expect(new.map { snapshot.members[Int($0.member)].externalID } == ["UB", "UB", "U1"])
        #expect(try await store.counts().identities == SlackIngestTests.tinyCounts.identities)

        // Once users.json's modification time moves, it is read, and the broken file is reported.
        setModified(users, seconds: Self.hourAgo + 120)
        await #expect(throws: ImportError.self) { try await SlackImporter(path: copy.path).run(into: store) }
    }

    /// With users.json unchanged, a conversation list as recorded (size and modification time) is
    /// taken from its record, which keeps its conversations: the file is not read. A store whose
    /// record kept none (made before) reads the file once and keeps them; a list whose time moves
    /// is read again. (SQLite: the PostgreSQL store keeps no contents and reads the lists.)
    @Test func unchangedChannelListIsTakenFromItsRecord() async throws {
        let copy = try agedCopy()
        let path = try TemporaryDirectory.make().appendingPathComponent("lists.sqlite").path
        let store = try SQLiteStore(path: path)
        _ = try await SlackImporter(path: copy.path).run(into: store)
        func addDay(_ day: Int, text: String) throws {
            let file = copy.appendingPathComponent("general/2026-03-\(day).json")
            try """
            [{"type": "message", "user": "U1", "ts": "\(1_773_655_200 + (day - 16) * 86_400).000100", "text": "\(text)"}]
            """.write(to: file, atomically: true, encoding: .utf8)
            setModified(file, seconds: Self.hourAgo + day)
        }

        // A record from before lists were kept: the file is read once, and kept from then on.
        try await DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE source_file SET contents = NULL WHERE key = 'channels.json'") }
        try addDay(16, text: "first")
        #expect(try await SlackImporter(path: copy.path).run(into: store).dayFilesImported == 1)
        let kept = try await DatabaseQueue(path: path).read {
            try Data.fetchOne($0, sql: "SELECT contents FROM source_file WHERE key = 'channels.json'")
        }
        #expect(try SlackChannelReader.read(try #require(kept), path: "kept").map(\.id) == ["C1", "C2"])
        let generalBefore = try await store.snapshot(ActivityQuery(spaces: ["general"])).activities.count

        // Same size, same modification time, broken bytes: taken from the record, not read.
        let channels = copy.appendingPathComponent("channels.json")
        try breakKeepingSize(channels, seconds: Self.hourAgo, nanoseconds: 123_456_789)
        try addDay(17, text: "second")
        let again = try await SlackImporter(path: copy.path).run(into: store)
        #expect(again.dayFilesImported == 1)
        #expect(again.spaces == 2)
        #expect(again.diagnostics.isEmpty)
        let general = try await store.snapshot(ActivityQuery(spaces: ["general"]))
        #expect(general.activities.count == generalBefore + 1)

        // Once its modification time moves, it is read, and the broken file is reported.
        setModified(channels, seconds: Self.hourAgo + 120)
        try addDay(18, text: "third")
        await #expect(throws: ImportError.self) { try await SlackImporter(path: copy.path).run(into: store) }
    }

    @Test(arguments: TestStores.kinds) func touchedMemberListIsRememberedAndNotReadAgain(_ kind: TestStoreKind) async throws {
        let copy = try agedCopy()
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: copy.path).run(into: store)

        // users.json touched (same bytes, a new time) and a new day: users.json is read once
        // more, found the same, and its new time remembered.
        let users = copy.appendingPathComponent("users.json")
        setModified(users, seconds: Self.hourAgo + 30)
        func addDay(_ name: String, ts: String) throws {
            let day = copy.appendingPathComponent("general/\(name).json")
            try #"[{"type": "message", "user": "U1", "ts": "\#(ts)", "text": "hello"}]"#
                .write(to: day, atomically: true, encoding: .utf8)
            setModified(day, seconds: Self.hourAgo + 60)
        }
        try addDay("2026-03-16", ts: "1773655200.000100")
        let first = try await SlackImporter(path: copy.path).run(into: store)
        #expect(first.dayFilesImported == 1)

        // Now broken, with the remembered size and time: not read again for the next new day.
        try breakKeepingSize(users, seconds: Self.hourAgo + 30)
        try addDay("2026-03-17", ts: "1773741600.000100")
        let second = try await SlackImporter(path: copy.path).run(into: store)
        #expect(second.dayFilesImported == 1)
        #expect(second.identities == 7)
    }

    @Test(arguments: TestStores.kinds) func renamedChannelsReadTheirFoldersAgain(_ kind: TestStoreKind) async throws {
        let copy = try agedCopy()
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: copy.path).run(into: store)

        // The two channels swap names: each folder is now the other conversation. The day files
        // themselves are untouched (same paths, sizes and times as the last import saw), but they
        // are read again, into the conversation their folder names now.
        let channels = copy.appendingPathComponent("channels.json")
        var text = try String(contentsOf: channels, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"general\"", with: "\"swap\"")
            .replacingOccurrences(of: "\"help\"", with: "\"general\"")
            .replacingOccurrences(of: "\"swap\"", with: "\"help\"")
        try text.write(to: channels, atomically: true, encoding: .utf8)
        setModified(channels, seconds: Self.hourAgo + 60)
        let again = try await SlackImporter(path: copy.path).run(into: store)
        #expect(again.dayFilesImported == 3)
        #expect(again.dayFilesUnchanged == 0)
    }

    @Test(arguments: TestStores.kinds) func touchedButIdenticalFileIsUnchangedAndItsNewTimeRemembered(_ kind: TestStoreKind) async throws {
        let copy = try agedCopy()
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: copy.path).run(into: store)

        // Touched (as when an export is unzipped again): read, found identical, nothing rewritten.
        let day = copy.appendingPathComponent("help/2026-03-03.json")
        let touched = Int(Date().timeIntervalSince1970) - 1800
        setModified(day, seconds: touched)
        let again = try await SlackImporter(path: copy.path).run(into: store)
        #expect(again.dayFilesUnchanged == 3 && again.dayFilesImported == 0 && again.activitiesWritten == 0)

        // The new time was recorded: same-size garbage with that time is no longer read.
        try breakKeepingSize(day, seconds: touched)
        let third = try await SlackImporter(path: copy.path).run(into: store)
        #expect(third.dayFilesUnchanged == 3)
        #expect(try await store.counts() == SlackIngestTests.tinyCounts)
    }

    /// The folder's listing recorded by its last import (`SlackExportListing`) must not outlive
    /// an import of another copy of the export: a zip with a changed day file goes in, then the
    /// untouched folder again, whose file must replace the zip's.
    @Test(arguments: TestStores.kinds) func folderImportedAgainAfterAZipRestoresItsFiles(_ kind: TestStoreKind) async throws {
        let copy = try agedCopy()
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: copy.path).run(into: store)
        #expect(try await store.counts() == SlackIngestTests.tinyCounts)

        let changed = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        try "[{\"type\": \"message\", \"user\": \"U1\", \"ts\": \"1772532000.000900\", \"text\": \"only in the zip\"}]"
            .write(to: changed.appendingPathComponent("help/2026-03-03.json"), atomically: true, encoding: .utf8)
        let zip = try TemporaryDirectory.make().appendingPathComponent("changed.zip")
        try FileManager.default.zipItem(at: changed, to: zip, shouldKeepParent: false)
        _ = try await SlackImporter(path: zip.path).run(into: store)
        // help/2026-03-03.json gave 7 activities; the zip's gives 1.
        #expect(try await store.counts().activities == SlackIngestTests.tinyCounts.activities - 7 + 1)

        let again = try await SlackImporter(path: copy.path).run(into: store)
        #expect(again.dayFilesImported == 1)
        #expect(try await store.counts() == SlackIngestTests.tinyCounts)
        // And now the folder's listing is recorded again: untouched, nothing is read.
        let third = try await SlackImporter(path: copy.path).run(into: store)
        #expect(third.dayFilesUnchanged == 3 && third.bytesRead == 0)
    }

    @Test(arguments: TestStores.kinds) func fileModifiedJustBeforeItsImportIsReadAgain(_ kind: TestStoreKind) async throws {
        // Recorded less than two seconds after its modification: a same-size rewrite within the
        // timestamp granularity must not pass as unchanged.
        // (A minute ahead, so that a slow test machine cannot push the import two seconds past it.)
        let now = Int(Date().timeIntervalSince1970) + 60
        let copy = try agedCopy(seconds: now)
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: copy.path).run(into: store)
        let day = copy.appendingPathComponent("general/2026-03-09.json")
        try breakKeepingSize(day, seconds: now, nanoseconds: 123_456_789)
        await #expect(throws: ImportError.self) { try await SlackImporter(path: copy.path).run(into: store) }
    }

    @Test(arguments: TestStores.kinds) func changedFileReplacesItsReactionsAndMentions(_ kind: TestStoreKind) async throws {
        let copy = try agedCopy()
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: copy.path).run(into: store)
        // general/2026-03-02.json held all 3 reactions (8 activities); replaced by one message.
        try """
        [{"type": "message", "user": "U2", "ts": "1772442000.000100", "text": "rewritten"}]
        """.write(to: copy.appendingPathComponent("general/2026-03-02.json"), atomically: true, encoding: .utf8)
        let update = try await SlackImporter(path: copy.path).run(into: store)
        #expect(update.dayFilesImported == 1 && update.activitiesWritten == 1)
        let counts = try await store.counts()
        #expect(counts.activities == SlackIngestTests.tinyCounts.activities - 8 + 1)
        #expect(counts.reactions == 0)
        #expect(counts.mentions == SlackIngestTests.tinyCounts.mentions)
    }

    /// The activity range (where every report's period starts) follows the rows: a changed file
    /// that no longer holds the earliest message moves the start, for the whole community and for
    /// one channel, and always equals the earliest and latest activity a snapshot holds.
    @Test(arguments: TestStores.kinds) func activityRangeFollowsAChangedFile(_ kind: TestStoreKind) async throws {
        let copy = try agedCopy()
        let store = try await TestStores.make(kind)
        func expectRangeMatchesSnapshot(_ query: ActivityQuery) async throws -> ClosedRange<Timestamp>? {
            let range = try await store.activityRange(query)
            let times = try await store.snapshot(query).activities.map(\.time)
            #expect(range?.lowerBound.microseconds == times.min() && range?.upperBound.microseconds == times.max())
            return range
        }
        _ = try await SlackImporter(path: copy.path).run(into: store)
        let before = try #require(try await expectRangeMatchesSnapshot(ActivityQuery()))
        let generalBefore = try #require(try await expectRangeMatchesSnapshot(ActivityQuery(spaces: ["general"])))
        #expect(before.lowerBound == generalBefore.lowerBound)  // general/2026-03-02.json opens the export
        _ = try #require(try await expectRangeMatchesSnapshot(ActivityQuery(spaces: ["help"])))

        // The first day file now holds one message, five hours after its former first.
        try """
        [{"type": "message", "user": "U2", "ts": "1772460000.000100", "text": "rewritten"}]
        """.write(to: copy.appendingPathComponent("general/2026-03-02.json"), atomically: true, encoding: .utf8)
        let update = try await SlackImporter(path: copy.path).run(into: store)
        #expect(update.dayFilesImported == 1)
        let after = try #require(try await expectRangeMatchesSnapshot(ActivityQuery()))
        #expect(after.lowerBound > before.lowerBound && after.upperBound == before.upperBound)
        let generalAfter = try #require(try await expectRangeMatchesSnapshot(ActivityQuery(spaces: ["general"])))
        #expect(generalAfter.lowerBound == Timestamp(microseconds: 1_772_460_000_000_100))
        #expect(try await store.activityRange(ActivityQuery(platform: .discord)) == nil)
    }

    @Test(arguments: TestStores.kinds) func messageRepeatedInAnotherDayFileIsStoredOnce(_ kind: TestStoreKind) async throws {
        let copy = try agedCopy()
        // The first question of general/2026-03-02.json again, in a new day file, with a reaction.
        try """
        [{"type": "message", "user": "U1", "ts": "1772442000.000100", "text": "How do I quantize a model?",
          "reactions": [{"name": "eyes", "users": ["U2"], "count": 1}]},
         {"type": "message", "user": "U3", "ts": "1773230400.000100", "text": "new one <@U1>"}]
        """.write(to: copy.appendingPathComponent("general/2026-03-11.json"), atomically: true, encoding: .utf8)
        let store = try await TestStores.make(kind)
        let summary = try await SlackImporter(path: copy.path).run(into: store)
        #expect(summary.activitiesWritten == SlackIngestTests.tinyCounts.activities + 1)
        let counts = try await store.counts()
        #expect(counts.activities == SlackIngestTests.tinyCounts.activities + 1)
        #expect(counts.reactions == SlackIngestTests.tinyCounts.reactions)
        #expect(counts.mentions == SlackIngestTests.tinyCounts.mentions + 1)
    }
}
