import Foundation
import GRDB
import HeartbeatCore
import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing
import ZIPFoundation

/// Ingest of `Tests/Fixtures/tiny-export` into a real store (SQLite, and PostgreSQL when configured). Expected counts, by hand:
/// 7 accounts (U1–U5, UB, USLACKBOT) → 7 identities and 7 members; 2 channels; activities
/// 8 + 7 + 2 = 17; reactions 3 (one +1 by three users); mentions 1 (`<@U1>`); source files:
/// users.json, channels.json and 3 day files = 5.
@Suite struct SlackIngestTests {
    static let tinyCounts = StoreCounts(
        workspaces: 1, members: 7, identities: 7, spaces: 2, activities: 17, reactions: 3, mentions: 1, sourceFiles: 5)

    @Test(arguments: TestStores.kinds) func importsTheTinyExportExactly(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        let summary = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        #expect(try await store.counts() == Self.tinyCounts)
        #expect(summary.workspace == Workspace(platform: .slack, externalID: "T1", name: "tiny-export"))
        #expect(summary.dayFiles == 3)
        #expect(summary.dayFilesImported == 3)
        #expect(summary.activitiesWritten == 17)
        #expect(summary.diagnostics.map(\.description) == [
            "help/2026-03-03.json: warning: unknown message subtype 'huddle_magic' (1×, first here): kept as 'other', not counted as posts"
        ])
    }

    @Test(arguments: TestStores.kinds) func secondIngestOfTheSameExportChangesNothing(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        let again = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        #expect(again.dayFilesUnchanged == 3)
        #expect(again.dayFilesImported == 0)
        #expect(again.activitiesWritten == 0)
        #expect(try await store.counts() == Self.tinyCounts)
    }

    @Test(arguments: TestStores.kinds) func zipAndFolderOfOneExportAreTheSameFiles(_ kind: TestStoreKind) async throws {
        let directory = try TemporaryDirectory.make()
        let zipURL = directory.appendingPathComponent("Tiny Slack export.zip")
        try FileManager.default.zipItem(at: Fixtures.tinyExport, to: zipURL, shouldKeepParent: false)
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        let fromZip = try await SlackImporter(path: zipURL.path).run(into: store)
        #expect(fromZip.dayFilesUnchanged == 3)
        #expect(try await store.counts() == Self.tinyCounts)
    }

    @Test(arguments: TestStores.kinds) func updatedExportOnlyImportsWhatIsNew(_ kind: TestStoreKind) async throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: copy.path).run(into: store)

        // One more day, and one existing day gains a reply.
        try """
        [{"type": "message", "user": "U5", "ts": "1773144000.000100", "text": "first post from erin"}]
        """.write(to: copy.appendingPathComponent("general/2026-03-10.json"), atomically: true, encoding: .utf8)
        try """
        [
            {"type": "message", "user": "U2", "ts": "1773057600.000100", "thread_ts": "1773057600.000100", "text": "What is the best way to profile?"},
            {"type": "message", "user": "U3", "ts": "1773061200.000100", "thread_ts": "1773057600.000100", "parent_user_id": "U2", "text": "Instruments"},
            {"type": "message", "user": "U1", "ts": "1773062000.000100", "thread_ts": "1773057600.000100", "parent_user_id": "U2", "text": "perf"}
        ]
        """.write(to: copy.appendingPathComponent("general/2026-03-09.json"), atomically: true, encoding: .utf8)

        let update = try await SlackImporter(path: copy.path).run(into: store)
        #expect(update.dayFiles == 4)
        #expect(update.dayFilesUnchanged == 2)
        #expect(update.dayFilesImported == 2)
        #expect(update.activitiesWritten == 1 + 3)
        var expected = Self.tinyCounts
        expected.activities += 2
        expected.sourceFiles += 1
        #expect(try await store.counts() == expected)
    }

    @Test(arguments: TestStores.kinds) func corruptedDayFileLeavesTheStoreUnchanged(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        try "[{\"type\": \"message\", \"user\": \"U1\", \"ts\": \"1773100000.000100\", \"text\": \"new\"}]"
            .write(to: copy.appendingPathComponent("general/2026-03-10.json"), atomically: true, encoding: .utf8)
        try "[{\"ts\": \"1772532000.000100\", \"user\": \"U4\"},, ]"
            .write(to: copy.appendingPathComponent("help/2026-03-03.json"), atomically: true, encoding: .utf8)

        await #expect {
            _ = try await SlackImporter(path: copy.path).run(into: store)
        } throws: { error in
            (error as? ImportError)?.description == "help/2026-03-03.json:1:44: malformed JSON: expected a value, found ','"
        }
        #expect(try await store.counts() == Self.tinyCounts)
    }

    @Test(arguments: TestStores.kinds) func skipBadFilesImportsTheRestAndSaysWhy(_ kind: TestStoreKind) async throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        try "[{\"ts\": 17}]".write(to: copy.appendingPathComponent("help/2026-03-03.json"), atomically: true, encoding: .utf8)
        try "[]".write(to: copy.appendingPathComponent("help/2026-02-31.json"), atomically: true, encoding: .utf8)
        let store = try await TestStores.make(kind)
        let summary = try await SlackImporter(path: copy.path, options: ImportOptions(skipBadFiles: true)).run(into: store)
        #expect(summary.skipped.map(\.description).sorted() == [
            "help/2026-02-31.json: a conversation file must be named YYYY-MM-DD.json with a real date",
            "help/2026-03-03.json:1:2 at [0].ts: expected a string, found a number",
        ])
        #expect(summary.dayFilesImported == 2)
        #expect(try await store.counts().activities == 10)
    }

    @Test(arguments: TestStores.kinds) func wronglyNamedDayFileFailsByDefault(_ kind: TestStoreKind) async throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        try "[]".write(to: copy.appendingPathComponent("general/2026-13-01.json"), atomically: true, encoding: .utf8)
        let store = try await TestStores.make(kind)
        await #expect(throws: ImportError.self) { _ = try await SlackImporter(path: copy.path).run(into: store) }
        #expect(try await store.counts().activities == 0)
    }

    @Test(arguments: TestStores.kinds) func snapshotResolvesChannelsByNameOrId(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        let help = try await store.snapshot(ActivityQuery(spaces: ["#help"]))
        #expect(help.spaces.map(\.name) == ["help"])
        #expect(help.activities.count == 7)
        let byID = try await store.snapshot(ActivityQuery(spaces: ["C1"]))
        #expect(byID.activities.count == 10)
        await #expect(throws: StoreError.self) { _ = try await store.snapshot(ActivityQuery(spaces: ["nope"])) }
        let range = try #require(try await store.activityRange(ActivityQuery()))
        #expect(range.lowerBound.microseconds == 1_772_438_400_000_100)
        #expect(range.upperBound.microseconds == 1_773_061_200_000_100)
    }

    @Test(arguments: TestStores.kinds) func fileStorePersistsAcrossOpens(_ kind: TestStoreKind) async throws {
        let open = try await TestStores.opener(kind)
        do {
            let store = try await open()
            _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        }
        let reopened = try await open()
        #expect(try await reopened.counts() == Self.tinyCounts)
    }

    /// A new SQLite store is written with 16 KiB pages (`SQLiteStore.init`) and, after its first
    /// import (written with a rollback journal, `SQLiteStore.ingest`), is in WAL mode again. The
    /// header says both: bytes 16-17 the page size, big-endian; bytes 18 and 19 the write and
    /// read versions, 2 for WAL.
    @Test func newSQLiteStoreHas16KiBPagesAndStaysInWALMode() async throws {
        let path = try TemporaryDirectory.make().appendingPathComponent("pages.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
            #expect(try await store.counts() == Self.tinyCounts)
            // A later import goes through the WAL, with readers open.
            _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
            #expect(try await store.counts() == Self.tinyCounts)
        }
        let header = try #require(FileHandle(forReadingAtPath: path)).readData(ofLength: 20)
        #expect(header.prefix(16) == Data("SQLite format 3\0".utf8))
        #expect(Array(header[16..<20]) == [0x40, 0, 2, 2])
        #expect(try await SQLiteStore(path: path).counts() == Self.tinyCounts)
    }

    /// A later import commits to the WAL; `checkpoint` copies it into the database file while the
    /// store stays open: a copy of the file alone then holds the new day.
    @Test func checkpointMovesTheLastImportIntoTheFile() async throws {
        let directory = try TemporaryDirectory.make()
        let path = directory.appendingPathComponent("wal.sqlite").path
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        let store = try SQLiteStore(path: path)
        _ = try await SlackImporter(path: copy.path).run(into: store)
        try """
        [{"type": "message", "user": "U5", "ts": "1773144000.000100", "text": "first post from erin"}]
        """.write(to: copy.appendingPathComponent("general/2026-03-10.json"), atomically: true, encoding: .utf8)
        _ = try await SlackImporter(path: copy.path).run(into: store)
        func activitiesInTheFileAlone() throws -> Int {
            let alone = directory.appendingPathComponent("alone-\(UUID().uuidString).sqlite").path
            try FileManager.default.copyItem(atPath: path, toPath: alone)
            return try DatabaseQueue(path: alone).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM activity") ?? -1 }
        }
        #expect(try activitiesInTheFileAlone() == 17)
        try await store.checkpoint()
        #expect(try activitiesInTheFileAlone() == 18)
        #expect(try await store.counts().activities == 18)
    }

    /// Each file's record holds the id range of the activities it gave (what a changed file's
    /// replacement deletes): recorded with a new file's record from the ids its activities will
    /// take, and corrected when one of them was stored already from another file or the file
    /// was replaced.
    @Test func sourceRecordsHoldTheirActivitiesIDRange() async throws {
        let path = try TemporaryDirectory.make().appendingPathComponent("ranges.sqlite").path
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        // A message of general/2026-03-02.json again, first in its new file, then a new one.
        try """
        [{"type": "message", "user": "U1", "ts": "1772442000.000100", "text": "How do I quantize a model?"},
         {"type": "message", "user": "U3", "ts": "1773230400.000100", "text": "new one"}]
        """.write(to: copy.appendingPathComponent("general/2026-03-11.json"), atomically: true, encoding: .utf8)
        let store = try SQLiteStore(path: path)
        func mismatches() throws -> [String] {
            try DatabaseQueue(path: path).read { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT s.key FROM source_file s
                        LEFT JOIN (SELECT source_file_id, MIN(id) AS first, MAX(id) AS last FROM activity GROUP BY source_file_id) a
                            ON a.source_file_id = s.id
                        WHERE s.first_activity_id IS NOT a.first OR s.last_activity_id IS NOT a.last
                        """)
            }
        }
        _ = try await SlackImporter(path: copy.path).run(into: store)
        #expect(try mismatches() == [])
        let repeated = try await DatabaseQueue(path: path).read { db in
            try Row.fetchOne(db, sql: "SELECT first_activity_id, last_activity_id FROM source_file WHERE key LIKE '%2026-03-11'")
        }
        #expect(repeated?[0] == repeated?[1] as Int64?)  // one activity of its two

        try """
        [{"type": "message", "user": "U3", "ts": "1773230400.000100", "text": "new one, edited"}]
        """.write(to: copy.appendingPathComponent("general/2026-03-11.json"), atomically: true, encoding: .utf8)
        try """
        [{"type": "message", "user": "U5", "ts": "1773316800.000100", "text": "another day"}]
        """.write(to: copy.appendingPathComponent("general/2026-03-12.json"), atomically: true, encoding: .utf8)
        let again = try await SlackImporter(path: copy.path).run(into: store)
        #expect(again.dayFilesImported == 2)
        #expect(try mismatches() == [])
        #expect(try await store.counts().activities == Self.tinyCounts.activities + 2)
    }

    /// A first import that fails leaves the new store empty and usable, journal or WAL.
    @Test func failedFirstImportLeavesAnEmptyUsableStore() async throws {
        let path = try TemporaryDirectory.make().appendingPathComponent("failed.sqlite").path
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        try "[{\"ts\": \"1772532000.000100\", \"user\": \"U4\"},, ]"
            .write(to: copy.appendingPathComponent("help/2026-03-03.json"), atomically: true, encoding: .utf8)
        let store = try SQLiteStore(path: path)
        await #expect(throws: ImportError.self) { _ = try await SlackImporter(path: copy.path).run(into: store) }
        #expect(try await store.counts().activities == 0)
        #expect(try await store.counts().identities == 0)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
        #expect(try await store.counts() == Self.tinyCounts)
    }

    /// Another process (here another pool) with the new store open: the first import cannot take
    /// the file for itself and runs through the WAL; both see the same rows after.
    @Test func firstImportWithAnotherConnectionOpen() async throws {
        let path = try TemporaryDirectory.make().appendingPathComponent("shared.sqlite").path
        let importer = try SQLiteStore(path: path)
        let other = try SQLiteStore(path: path)
        #expect(try await other.hasActivity() == false)
        _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: importer)
        #expect(try await importer.counts() == Self.tinyCounts)
        #expect(try await other.counts() == Self.tinyCounts)
    }
}

@Suite struct SlackConversationListsTests {
    /// groups.json (private channels), mpims.json (group DMs, folders named by name) and dms.json
    /// (DMs, folders named by id) are optional; when present their folders are imported too.
    @Test(arguments: TestStores.kinds) func importsPrivateChannelsGroupDMsAndDMs(_ kind: TestStoreKind) async throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        func write(_ text: String, _ path: String) throws {
            let url = copy.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try write(#"[{"id": "G1", "name": "staff", "created": 1772000000}]"#, "groups.json")
        try write(#"[{"id": "G2", "name": "mpdm-alice--bob-1", "created": 1772000000}]"#, "mpims.json")
        try write(#"[{"id": "D1", "created": 1772000000, "members": ["U1", "U2"]}]"#, "dms.json")
        try write(#"[{"type": "message", "user": "U1", "ts": "1772600000.000100", "text": "private"}]"#, "staff/2026-03-04.json")
        try write(#"[{"type": "message", "user": "U2", "ts": "1772600001.000100", "text": "group"}]"#, "mpdm-alice--bob-1/2026-03-04.json")
        try write(#"[{"type": "message", "user": "U1", "ts": "1772600002.000100", "text": "direct"}]"#, "D1/2026-03-04.json")
        // A folder no list names is imported too, with a warning.
        try write(#"[{"type": "message", "user": "U3", "ts": "1772600003.000100", "text": "stray"}]"#, "stray/2026-03-04.json")

        let store = try await TestStores.make(kind)
        let summary = try await SlackImporter(path: copy.path).run(into: store)
        #expect(summary.spaces == 6)
        #expect(summary.dayFilesImported == 7)
        #expect(summary.diagnostics.contains {
            $0.description == "stray/: warning: folder not listed in any channel list; imported as a public channel named 'stray'"
        })
        let snapshot = try await store.snapshot(ActivityQuery())
        let kinds = Dictionary(uniqueKeysWithValues: snapshot.spaces.map { ($0.name, $0.kind) })
        #expect(kinds == [
            "general": .publicChannel, "help": .publicChannel, "staff": .privateChannel,
            "mpdm-alice--bob-1": .groupMessage, "D1": .directMessage, "stray": .publicChannel,
        ])
        #expect(try await store.counts().activities == 17 + 4)
    }
}
