import Foundation
import GRDB
import HeartbeatCore
import HeartbeatImport
@testable import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// The packed activity columns reports read instead of the table: a pack gives back exactly the
/// rows it was given, and after every kind of import (first, a changed file, a new day, a store
/// from before the packs) the stored packs hold exactly the table's rows, and a snapshot read
/// from them equals one read from the table.
@Suite struct ActivityColumnsTests {
    // MARK: Encoding

    static func decoded(_ columns: ActivityColumns) throws -> [ActivityColumns.Row] {
        var rows: [ActivityColumns.Row] = []
        try columns.bytes.withUnsafeBytes { bytes in
            try ActivityColumns.forEachRow(in: bytes, firstID: columns.firstID) { rows.append($0) }
        }
        return rows
    }

    @Test func rowsComeBackAsTheyWentIn() throws {
        var rows: [ActivityColumns.Row] = [
            // Extremes: every field at its limits, zeros for missing ids, times going backwards.
            .init(id: 1, identity: 0, space: 1, kind: 1, time: 0, threadRoot: 0, parentIdentity: 0, isQuestion: false),
            .init(
                id: 2, identity: .max, space: .max, kind: .max, time: .max, threadRoot: .min, parentIdentity: .min,
                isQuestion: true),
            .init(
                id: 5, identity: -7, space: -1, kind: -3, time: .min, threadRoot: .max, parentIdentity: 42, isQuestion: true),
            .init(id: 6, identity: 3, space: 2, kind: 2, time: -1, threadRoot: -1, parentIdentity: 0, isQuestion: false),
        ]
        // And many ordinary rows: Slack-like times, replies whose thread root is earlier.
        var generator = SystemRandomNumberGenerator()
        var time: Int64 = 1_700_000_000_000_000
        for id in Int64(100)..<Int64(5_100) {
            time += Int64.random(in: -5_000_000...90_000_000, using: &generator)
            let reply = Bool.random(using: &generator)
            rows.append(
                .init(
                    id: id, identity: Int64.random(in: 0...60_000, using: &generator),
                    space: Int64.random(in: 1...60, using: &generator), kind: reply ? 2 : 1, time: time,
                    threadRoot: reply ? time - Int64.random(in: 0...86_400_000_000, using: &generator) : 0,
                    parentIdentity: reply ? Int64.random(in: 1...60_000, using: &generator) : 0,
                    isQuestion: Bool.random(using: &generator)))
        }
        var columns = ActivityColumns()
        for row in rows { columns.append(row) }
        #expect(columns.count == rows.count)
        #expect(columns.firstID == 1 && columns.lastID == 5_099)
        #expect(try Self.decoded(columns) == rows)
        // About 14 bytes per ordinary row (the table spends ~140 per activity with its text).
        #expect(columns.bytes.count < rows.count * 20)
    }

    @Test func aDamagedPackIsAnErrorNotWrongRows() throws {
        let original: [ActivityColumns.Row] = [
            .init(id: 10, identity: 300, space: 2, kind: 1, time: 1_000_000, threadRoot: 0, parentIdentity: 0, isQuestion: false),
            .init(id: 11, identity: 301, space: 2, kind: 2, time: 2_000_000, threadRoot: 1_000_000, parentIdentity: 300, isQuestion: true),
        ]
        var columns = ActivityColumns()
        for row in original { columns.append(row) }
        let bytes = columns.bytes
        var failures = 0
        for cut in 1..<bytes.count {
            // A cut inside a row throws; a cut between rows reads as the rows before it.
            let prefix = Array(bytes[..<cut])
            do {
                let rows = try prefix.withUnsafeBytes { blob in
                    var rows: [ActivityColumns.Row] = []
                    try ActivityColumns.forEachRow(in: blob, firstID: 10) { rows.append($0) }
                    return rows
                }
                #expect(rows == Array(original.prefix(rows.count)))
                #expect(rows.count < 2)
            } catch {
                #expect(error is ActivityColumns.CorruptPack)
                failures += 1
            }
        }
        // Only the cuts just after the version byte and after the first row read anything.
        #expect(failures == bytes.count - 3)
        var otherVersion = bytes
        otherVersion[0] = ActivityColumns.formatVersion + 1
        #expect(throws: ActivityColumns.CorruptPack.self) {
            try otherVersion.withUnsafeBytes { try ActivityColumns.forEachRow(in: $0, firstID: 10) { _ in } }
        }
        #expect(throws: ActivityColumns.CorruptPack.self) {
            try [UInt8]().withUnsafeBytes { try ActivityColumns.forEachRow(in: $0, firstID: 10) { _ in } }
        }
    }

    // MARK: Stored packs

    /// Packs do not overlap, hold every activity row exactly once, each with the table's values.
    static func expectPacksMatchTable(_ store: SQLiteStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try store.writer.read { db in
            let ranges = try ActivityColumnPacks.ranges(db)
            for (range, next) in zip(ranges, ranges.dropFirst()) {
                #expect(range.upperBound < next.lowerBound, sourceLocation: sourceLocation)
            }
            var packed: [ActivityColumns.Row] = []
            for range in ranges {
                var rows: [ActivityColumns.Row] = []
                try ActivityColumnPacks.forEachRow(db, firstID: range.lowerBound) { rows.append($0) }
                #expect(rows.first?.id == range.lowerBound && rows.last?.id == range.upperBound, sourceLocation: sourceLocation)
                let count = try Int.fetchOne(db, sql: "SELECT row_count FROM activity_columns WHERE first_id = ?", arguments: [range.lowerBound])
                #expect(count == rows.count, sourceLocation: sourceLocation)
                packed += rows
            }
            var table: [ActivityColumns.Row] = []
            try RawRowCursor(
                db.makeStatement(
                    sql: """
                        SELECT id, identity_id, space_id, kind, time, thread_root, parent_identity_id, is_question
                        FROM activity ORDER BY id
                        """)
            ).forEach { row in
                table.append(
                    .init(
                        id: row.int64(0), identity: row.int64(1), space: row.int64(2), kind: row.int64(3), time: row.int64(4),
                        threadRoot: row.int64(5), parentIdentity: row.int64(6), isQuestion: row.bool(7)))
            }
            #expect(!table.isEmpty, sourceLocation: sourceLocation)
            #expect(packed == table, sourceLocation: sourceLocation)
            #expect(try ActivityColumnPacks.activityCount(db) == table.count, sourceLocation: sourceLocation)
        }
    }

    /// A snapshot read from the packs equals one read from the table (the packs removed).
    static func expectSameSnapshotWithoutPacks(_ store: SQLiteStore, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let queries = [
            ActivityQuery(includeMentions: true), ActivityQuery(includeReactionHistory: true),
            ActivityQuery(spaces: ["#help"]),
        ]
        var packed: [CommunitySnapshot] = []
        for query in queries { packed.append(try await store.snapshot(query)) }
        try await store.writer.write { db in
            try db.execute(sql: "CREATE TABLE saved_columns AS SELECT * FROM activity_columns; DELETE FROM activity_columns")
        }
        // Counted from the table alone as well.
        #expect(try await store.counts().activities == packed[0].activities.count, sourceLocation: sourceLocation)
        for (query, snapshot) in zip(queries, packed) {
            let fromTable = try await store.snapshot(query)
            #expect(fromTable.activities == snapshot.activities, sourceLocation: sourceLocation)
            #expect(fromTable.members == snapshot.members, sourceLocation: sourceLocation)
            #expect(fromTable.reactions == snapshot.reactions, sourceLocation: sourceLocation)
            #expect(fromTable.mentions == snapshot.mentions, sourceLocation: sourceLocation)
            #expect(fromTable.latestActivity == snapshot.latestActivity, sourceLocation: sourceLocation)
        }
        try await store.writer.write { db in
            try db.execute(sql: "INSERT INTO activity_columns SELECT * FROM saved_columns; DROP TABLE saved_columns")
        }
    }

    static func fileStore() throws -> SQLiteStore {
        try SQLiteStore(path: try TemporaryDirectory.make().appendingPathComponent("columns.sqlite").path)
    }

    @Test func importsKeepThePacksEqualToTheTable() async throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        let store = try Self.fileStore()
        _ = try await SlackImporter(path: copy.path).run(into: store)
        try Self.expectPacksMatchTable(store)
        try await Self.expectSameSnapshotWithoutPacks(store)

        // A changed day file: its rows are deleted and written again with new ids.
        let day = copy.appendingPathComponent("general/2026-03-09.json")
        var text = try String(contentsOf: day, encoding: .utf8)
        text = text.replacingOccurrences(of: "[\n", with: """
            [
                {"type": "message", "user": "U2", "ts": "1773043200.000900", "text": "Is there a changelog?"},

            """, options: [], range: text.range(of: "[\n"))
        try text.write(to: day, atomically: true, encoding: .utf8)
        let changed = try await SlackImporter(path: copy.path).run(into: store)
        #expect(changed.dayFilesImported == 1)
        try Self.expectPacksMatchTable(store)

        // A new day: appended to the last pack, which is small, rather than a pack of its own.
        try #"[{"type": "message", "user": "U1", "ts": "1773655200.000100", "text": "hello?"}]"#
            .write(to: copy.appendingPathComponent("general/2026-03-16.json"), atomically: true, encoding: .utf8)
        _ = try await SlackImporter(path: copy.path).run(into: store)
        try Self.expectPacksMatchTable(store)
        let packs = try await store.writer.read { db in try ActivityColumnPacks.ranges(db) }
        #expect(packs.count == 1)
        try await Self.expectSameSnapshotWithoutPacks(store)
    }

    /// Many packs, some of them touched by a changed file: the touched ones are made again.
    @Test func aChangedFileRepacksOnlyThePacksItTouched() async throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.tinyExport)
        let store = try Self.fileStore()
        _ = try await SlackImporter(path: copy.path).run(into: store)
        if GeneratedExport.isAvailable {
            let export = try GeneratedExport.make(messages: 2000, users: 100, channels: 4, days: 60, seed: 5)
            _ = try await SlackImporter(path: export.path).run(into: store)
        }
        // Split the stored rows into packs of 3 (as if `rowsPerPack` were 3).
        let before = try await store.writer.write { db in
            try db.execute(sql: "DELETE FROM activity_columns")
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM activity ORDER BY id")
            for start in stride(from: 0, to: ids.count, by: 3) {
                try ActivityColumnPacks.pack(db, ids: ids[start]...ids[min(start + 2, ids.count - 1)])
            }
            return try ActivityColumnPacks.ranges(db)
        }
        #expect(before.count > 3)
        try Self.expectPacksMatchTable(store)

        let day = copy.appendingPathComponent("help/2026-03-03.json")
        let text = try String(contentsOf: day, encoding: .utf8)
        try text.replacingOccurrences(of: "\"text\": \"", with: "\"text\": \"edited: ").write(to: day, atomically: true, encoding: .utf8)
        _ = try await SlackImporter(path: copy.path).run(into: store)
        try Self.expectPacksMatchTable(store)
        let after = try await store.writer.read { db in try ActivityColumnPacks.ranges(db) }
        // Made again: the few packs that held the file's rows, and the last (small: the file's new
        // rows were added to it). Every other pack is as it was.
        let remade = before.filter { !after.contains($0) }
        #expect(!remade.isEmpty && remade.count <= 8)
        #expect(remade.contains(before.last!))
        try await Self.expectSameSnapshotWithoutPacks(store)
    }

    /// A store written before the packs existed gets them when it is opened.
    @Test func theMigrationPacksWhatIsStored() async throws {
        let path = try TemporaryDirectory.make().appendingPathComponent("old.sqlite").path
        do {
            let store = try SQLiteStore(path: path)
            _ = try await SlackImporter(path: Fixtures.tinyExport.path).run(into: store)
            try await store.writer.write { db in
                try db.execute(sql: "DROP TABLE activity_columns")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v11-activity-columns'")
            }
        }
        let reopened = try SQLiteStore(path: path)
        try Self.expectPacksMatchTable(reopened)
        try await Self.expectSameSnapshotWithoutPacks(reopened)
    }
}
