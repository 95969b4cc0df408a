import Foundation
import HeartbeatCore
import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// Ingest of `Tests/Fixtures/telegram/result.json` (one public supergroup, 12 messages). Expected
/// counts, by hand:
/// - identities 6 = members 6: user1001 Alice Admin, user1002 Bob, user1003 Carol (renamed
///   "Carol C."), channel777 (a channel posting: a bot), user1004 (deleted, `from: null`) and
///   `name:Dan` (invited by name, never seen posting);
/// - spaces 1; activities 13: 12 messages, the invite of Carol and Dan giving two joins;
/// - reactions 2 (👍 on message 3 by Bob and Carol; 🔥 on 7 lists nobody); mentions 1 (4 names Alice);
/// - source files 1 (`telegram/1234567890`).
@Suite struct TelegramIngestTests {
    static let counts = StoreCounts(
        workspaces: 1, members: 6, identities: 6, spaces: 1, activities: 13, reactions: 2, mentions: 1, sourceFiles: 1)

    static func seconds(_ value: Int64) -> Int64 { value * 1_000_000 }

    @Test(arguments: TestStores.kinds) func importsTheSingleChatExactly(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        let summary = try await TelegramImporter(path: Fixtures.telegramExport.path).run(into: store)
        #expect(try await store.counts() == Self.counts)
        #expect(summary.workspace == Workspace(platform: .telegram, externalID: "chat-1234567890", name: "Heartbeat Users"))
        #expect(summary.activitiesWritten == 13)
        #expect(summary.diagnostics.map(\.description) == [
            "result.json: warning: unknown message type 'giveaway_results' (1×): kept as 'other', not counted as posts"
        ])
    }

    /// Every activity in time order, its kind and its account, by hand from the fixture.
    @Test(arguments: TestStores.kinds) func mapsMessagesRepliesAndServiceEvents(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        _ = try await TelegramImporter(path: Fixtures.telegramExport.path).run(into: store)
        let snapshot = try await store.snapshot(ActivityQuery())
        func account(_ index: Int32) -> String { index < 0 ? "-" : snapshot.members[Int(index)].externalID }
        let rows = snapshot.activities
        #expect(rows.map(\.kind) == [
            .other,  // 1 create_group
            .join,  // 2 join_group_by_link
            .message, .reply,  // 3, and 4 replying to it
            .join, .join,  // 5 invite_members: Carol and Dan
            .message, .botMessage, .message,  // 6, 7 by a channel, 8 by a deleted account
            .reply,  // 9 replies to 4, so belongs to 3's conversation
            .leave,  // 10 Bob removed himself
            .other,  // 11 unknown type
            .spaceUpdate,  // 12 edit_group_title
        ])
        #expect(rows.map { account($0.member) } == [
            "user1001", "user1002", "user1001", "user1002", "user1003", "name:Dan", "user1003", "channel777",
            "user1004", "user1003", "user1002", "user1003", "user1001",
        ])
        // date_unixtime is the truth; `date` is the exporting computer's local time (here UTC+1).
        #expect(rows[2].time == Self.seconds(1_772_446_500))
        #expect(rows[3].threadRoot == rows[2].time && account(rows[3].parentMember) == "user1001")
        #expect(rows[9].threadRoot == rows[2].time && account(rows[9].parentMember) == "user1001")
        #expect(rows[2].isQuestion && rows[6].isQuestion)
    }

    @Test(arguments: TestStores.kinds) func accountsKeepTheirLatestNameAndFlags(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        _ = try await TelegramImporter(path: Fixtures.telegramExport.path).run(into: store)
        let members = Dictionary(
            uniqueKeysWithValues: try await store.snapshot(ActivityQuery()).members.map { ($0.externalID, $0) })
        #expect(members["user1001"]?.displayName == "Alice Admin")
        #expect(members["user1003"]?.displayName == "Carol C.")
        #expect(members["user1004"]?.isDeleted == true)
        #expect(members["user1004"]?.displayName == "Deleted Account")
        #expect(members["channel777"]?.isBot == true)
        #expect(members["name:Dan"]?.displayName == "Dan")
        #expect(members.values.filter(\.isBot).count == 1)
    }

    @Test(arguments: TestStores.kinds) func secondImportChangesNothing(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        _ = try await TelegramImporter(path: Fixtures.telegramExport.path).run(into: store)
        let again = try await TelegramImporter(path: Fixtures.telegramExport.path).run(into: store)
        #expect(again.activitiesWritten == 0)
        #expect(again.dayFilesUnchanged == 1)
        #expect(try await store.counts() == Self.counts)
    }

    @Test(arguments: TestStores.kinds) func folderHoldingResultJSONImportsTheSame(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        let folder = Fixtures.telegramExport.deletingLastPathComponent().path
        _ = try await TelegramImporter(path: folder).run(into: store)
        #expect(try await store.counts() == Self.counts)
    }

    @Test(arguments: TestStores.kinds) func changedExportReplacesTheChatsActivities(_ kind: TestStoreKind) async throws {
        let directory = try TemporaryDirectory.make()
        let file = directory.appendingPathComponent("result.json")
        try FileManager.default.copyItem(at: Fixtures.telegramExport, to: file)
        let store = try await TestStores.make(kind)
        _ = try await TelegramImporter(path: file.path).run(into: store)
        // A later export of the same chat: one more message.
        var export = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
        var messages = export["messages"] as! [Any]
        messages.append([
            "id": 13, "type": "message", "date": "2026-03-07T10:00:00", "date_unixtime": "1772874000", "from": "Bob",
            "from_id": "user1002", "text": "back again",
        ] as [String: Any])
        export["messages"] = messages
        try JSONSerialization.data(withJSONObject: export).write(to: file)

        let update = try await TelegramImporter(path: file.path).run(into: store)
        #expect(update.activitiesWritten == 14)  // the whole chat is rewritten: Telegram writes one file
        var expected = Self.counts
        expected.activities += 1
        #expect(try await store.counts() == expected)
    }

    @Test(arguments: TestStores.kinds) func malformedJSONNamesLineAndColumnAndWritesNothing(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        _ = try await TelegramImporter(path: Fixtures.telegramExport.path).run(into: store)
        let directory = try TemporaryDirectory.make()
        let text = try String(contentsOf: Fixtures.telegramExport, encoding: .utf8)
        try String(text.prefix(700)).write(to: directory.appendingPathComponent("result.json"), atomically: true, encoding: .utf8)
        await #expect {
            _ = try await TelegramImporter(path: directory.appendingPathComponent("result.json").path).run(into: store)
        } throws: { error in
            let description = (error as? ImportError)?.description ?? ""
            return description.range(of: #"^result\.json:\d+:\d+: malformed JSON"#, options: .regularExpression) != nil
        }
        #expect(try await store.counts() == Self.counts)
    }

    @Test(arguments: TestStores.kinds) func badDateNamesFileMessageAndValue(_ kind: TestStoreKind) async throws {
        let directory = try TemporaryDirectory.make()
        let file = directory.appendingPathComponent("result.json")
        try #"{"name": "g", "type": "private_group", "id": 5, "messages": [{"id": 1, "type": "message", "date_unixtime": "1772446500", "from": "A", "from_id": "user1", "text": "hi"}, {"id": 2, "type": "message", "date": "soon", "date_unixtime": "2026-03-02", "from": "A", "from_id": "user1", "text": "hi"}]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let store = try await TestStores.make(kind)
        await #expect {
            _ = try await TelegramImporter(path: file.path).run(into: store)
        } throws: { error in
            (error as? ImportError)?.description
                == #"result.json:at messages[1] (id 2).date_unixtime: `date_unixtime` must be seconds since 1970 like "1772446500", found "2026-03-02""#
        }
        #expect(try await store.counts().activities == 0)
    }

    @Test(arguments: TestStores.kinds) func otherJSONIsNotATelegramExport(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        let path = Fixtures.discordExport.appendingPathComponent("general.json").path
        await #expect {
            _ = try await TelegramImporter(path: path).run(into: store)
        } throws: { error in
            let text = (error as? ImportError)?.description ?? ""
            return text.hasPrefix("general.json: not a Telegram export") && text.contains("Export chat history")
        }
    }
}

/// `Tests/Fixtures/telegram-full/result.json`: the account's whole export is ONE workspace
/// (`export-1001`), each group a space. By hand: chats "Heartbeat Users" (3 messages) and
/// "Heartbeat Contributors" (3), left group "Old Group" (1); the personal chat with Bob is left out.
/// Identities 3 (user1001, user1002 in both groups: one identity, user1005); spaces 3; activities
/// 3 + 3 + 1 = 7; no reactions or mentions; source files 3 (one per chat).
@Suite struct TelegramFullExportTests {
    static let counts = StoreCounts(
        workspaces: 1, members: 3, identities: 3, spaces: 3, activities: 7, reactions: 0, mentions: 0, sourceFiles: 3)

    @Test(arguments: TestStores.kinds) func importsEveryGroupAsOneWorkspace(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        let summary = try await TelegramImporter(path: Fixtures.telegramFullExport.path).run(into: store)
        #expect(summary.workspace == Workspace(platform: .telegram, externalID: "export-1001", name: "Telegram"))
        #expect(try await store.counts() == Self.counts)
        #expect(summary.diagnostics.map(\.description) == [
            "result.json: note: 1 personal chat(s) (one-to-one, saved messages or bot chats) left out: only groups and channels are communities"
        ])
        let snapshot = try await store.snapshot(ActivityQuery())
        #expect(Set(snapshot.spaces.map(\.name)) == ["Heartbeat Users", "Heartbeat Contributors", "Old Group"])
        #expect(Dictionary(uniqueKeysWithValues: snapshot.spaces.map { ($0.name, $0.kind) })["Heartbeat Contributors"] == .privateChannel)
        #expect(snapshot.activities.map(\.kind) == [.message, .reply, .join, .message, .reply, .message, .message])
        // Bob was renamed "Bob B." in the later group: the latest name wins across chats.
        #expect(snapshot.members.first { $0.externalID == "user1002" }?.displayName == "Bob B.")
        let again = try await TelegramImporter(path: Fixtures.telegramFullExport.path).run(into: store)
        #expect(again.activitiesWritten == 0)
        #expect(try await store.counts() == Self.counts)
    }
}

@Suite struct ChatImportPathTests {
    @Test(arguments: TestStores.kinds) func missingPathsSayWhatToGive(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        let missing = try TemporaryDirectory.make().appendingPathComponent("nope.json").path
        await #expect {
            _ = try await TelegramImporter(path: missing).run(into: store)
        } throws: { error in
            (error as? ImportError)?.description.hasSuffix("no such file or folder. Give the result.json Telegram Desktop wrote, or its folder.") == true
        }
        await #expect {
            _ = try await DiscordImporter(path: missing).run(into: store)
        } throws: { error in
            (error as? ImportError)?.description.contains("DiscordChatExporter .json file") == true
        }
    }
}
