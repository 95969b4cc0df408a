import Foundation
import GRDB
import HeartbeatCore
@testable import HeartbeatStore
import Testing

/// Migrations applied to a store as an older release left it, not only to new stores.
@Suite struct SQLiteMigrationTests {
    /// v8 adds `identity.bot_id` and makes Slack workspaces forget their `users.json` record, so
    /// the next import reads the member list once more and fills the column; other platforms'
    /// records stay.
    @Test func botIDMigrationForgetsSlackMemberListsOnly() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("heartbeat-migration-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let queue = try DatabaseQueue(path: path)
            try SQLiteMigrations.migrator.migrate(queue, upTo: "v7-space-span")
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO workspace (id, platform, external_id, name) VALUES (1, 'slack', 'T1', 'a'),
                            (2, 'discord', 'G1', 'b');
                        INSERT INTO source_file (workspace_id, key, path, size, checksum, imported_at, activity_count)
                        VALUES (1, 'users.json', 'users.json', 10, 'x', 0, 0),
                            (1, 'C1/2026-03-02', 'general/2026-03-02.json', 10, 'x', 0, 0),
                            (2, 'users.json', 'users.json', 10, 'x', 0, 0);
                        """)
            }
        }
        let store = try SQLiteStore(path: path)
        let remaining = try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT workspace_id, key FROM source_file ORDER BY workspace_id, key")
                .map { "\($0[0] as Int64) \($0[1] as String)" }
        }
        #expect(remaining == ["1 C1/2026-03-02", "2 users.json"])
        let columns = try store.writer.read { db in try db.columns(in: "identity").map(\.name) }
        #expect(columns.contains("bot_id"))
    }
}
