import Foundation
import HeartbeatCore
import HeartbeatImport
import HeartbeatStore
import HeartbeatTestSupport
import Testing

/// Ingest of `Tests/Fixtures/discord` (server 1000: `general.json`, channel 2001 with 9 messages;
/// `help-thread.json`, a thread of #help 2002 with 4 messages). Expected counts, by hand:
/// - identities 7 = members 7: 3001 alice, 3002 bob, 3003 carol (renamed), 3004 Deleted User,
///   3005 release-bot, 3006 erin (authors) and 3007 frank (only mentioned);
/// - spaces 2: general (2001) and help (2002, the thread's parent: thread messages go there);
/// - activities 9 + 4 = 13;
/// - reactions 3: 👋 on 4001 by bob and carol (2), 🎉 on 4004 lists no users (0), ✅ on 5002 by erin (1);
/// - mentions 2: 4003 names alice, 4005 names frank;
/// - source files 2 (one per file).
@Suite struct DiscordIngestTests {
    static let counts = StoreCounts(
        workspaces: 1, members: 7, identities: 7, spaces: 2, activities: 13, reactions: 3, mentions: 2, sourceFiles: 2)

    static func time(_ text: String) -> Int64 { Timestamp(iso: text)!.microseconds }

    @Test(arguments: TestStores.kinds) func importsTheFixtureExactly(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        let summary = try await DiscordImporter(path: Fixtures.discordExport.path).run(into: store)
        #expect(try await store.counts() == Self.counts)
        #expect(summary.workspace == Workspace(platform: .discord, externalID: "1000", name: "Heartbeat Discord"))
        #expect(summary.dayFiles == 2)
        #expect(summary.dayFilesImported == 2)
        #expect(summary.activitiesWritten == 13)
        #expect(summary.diagnostics.map(\.description) == [
            "general.json: warning: unknown message type 'PollResult' (1×, first here): kept as 'other', not counted as posts"
        ])
    }

    /// Every activity in time order: its kind and its author, by hand from the two files.
    @Test(arguments: TestStores.kinds) func mapsKindsThreadsAndReplies(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        _ = try await DiscordImporter(path: Fixtures.discordExport.path).run(into: store)
        let snapshot = try await store.snapshot(ActivityQuery())
        func author(_ index: Int32) -> String { index < 0 ? "-" : snapshot.members[Int(index)].externalID }
        let rows = snapshot.activities
        #expect(rows.map(\.kind) == [
            .message, .join, .reply, .botMessage, .message, .message,
            .message,  // 4007: a Reply whose message is not in the export stays a message
            .other,  // 4008: PollResult, unknown
            .spaceUpdate,  // 4009: pinned
            .message, .reply, .reply, .botMessage,  // the thread: root, answer, Reply to the answer, bot
        ])
        #expect(rows.map { author($0.member) } == [
            "3001", "3006", "3002", "3005", "3003", "3004", "3003", "3002", "3001", "3006", "3001", "3006", "3005",
        ])
        // 4001 at 09:00+01:00 is 08:00Z; 4003 (at 10:05:00.5+01:00) replies to it.
        #expect(rows[0].time == Self.time("2026-03-02T08:00:00Z"))
        #expect(rows[2].time == Self.time("2026-03-02T09:05:00.5Z"))
        #expect(rows[2].threadRoot == rows[0].time)
        #expect(author(rows[2].parentMember) == "3001")
        // In the thread, both the plain answer and the Reply to it hang off the thread's first message.
        let root = Self.time("2026-03-08T10:00:00Z")
        #expect(rows[10].threadRoot == root && rows[11].threadRoot == root)
        #expect(author(rows[10].parentMember) == "3006" && author(rows[11].parentMember) == "3006")
        #expect(rows[0].isQuestion && rows[9].isQuestion && !rows[2].isQuestion)
        // The thread's messages are in #help, the parent channel.
        let spaceNames = Set(rows[9...].map { snapshot.spaces[Int($0.space)].name })
        #expect(spaceNames == ["help"])
        #expect(Set(snapshot.spaces.map(\.name)) == ["general", "help"])
    }

    @Test(arguments: TestStores.kinds) func accountsKeepTheirLatestNameAndFlags(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        _ = try await DiscordImporter(path: Fixtures.discordExport.path).run(into: store)
        let members = Dictionary(uniqueKeysWithValues: try await store.snapshot(ActivityQuery()).members.map { ($0.externalID, $0) })
        #expect(members["3001"]?.displayName == "Alice Admin (github.com/alice-gh)")
        #expect(members["3001"]?.handle == "alice")
        // carol_old (03-02, 03-04) became carol / "Carol C" (03-06): the latest wins.
        #expect(members["3003"]?.handle == "carol")
        #expect(members["3003"]?.displayName == "Carol C")
        #expect(members["3004"]?.isDeleted == true)
        #expect(members["3005"]?.isBot == true)
        #expect(members["3007"]?.handle == "frank")
        #expect(members.values.filter(\.isDeleted).count == 1)
        #expect(members.values.filter(\.isBot).count == 1)
    }

    @Test(arguments: TestStores.kinds) func secondImportChangesNothing(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        _ = try await DiscordImporter(path: Fixtures.discordExport.path).run(into: store)
        let again = try await DiscordImporter(path: Fixtures.discordExport.path).run(into: store)
        #expect(again.dayFilesUnchanged == 2)
        #expect(again.dayFilesImported == 0)
        #expect(again.activitiesWritten == 0)
        #expect(try await store.counts() == Self.counts)
    }

    @Test(arguments: TestStores.kinds) func singleFileImportsOneChannel(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        let path = Fixtures.discordExport.appendingPathComponent("help-thread.json").path
        let summary = try await DiscordImporter(path: path).run(into: store)
        #expect(summary.activitiesWritten == 4)
        // Thread authors erin, alice and the bot: 3 accounts; one space (help).
        #expect(try await store.counts() == StoreCounts(
            workspaces: 1, members: 3, identities: 3, spaces: 1, activities: 4, reactions: 1, mentions: 0, sourceFiles: 1))
        // Then the whole folder: the thread file is unchanged, general.json is new.
        let folder = try await DiscordImporter(path: Fixtures.discordExport.path).run(into: store)
        #expect(folder.dayFilesUnchanged == 1)
        #expect(folder.activitiesWritten == 9)
        #expect(try await store.counts() == Self.counts)
    }

    /// DiscordChatExporter splits a long channel into parts; a reply in a new part answers a
    /// message of another file, and a changed file replaces only what it gave.
    @Test(arguments: TestStores.kinds) func changedAndAddedFilesReplaceOnlyTheirActivities(_ kind: TestStoreKind) async throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.discordExport)
        let store = try await TestStores.make(kind)
        _ = try await DiscordImporter(path: copy.path).run(into: store)

        try """
        {"guild": {"id": "1000", "name": "Heartbeat Discord"},
         "channel": {"id": "2001", "type": "GuildTextChat", "name": "general"},
         "messages": [
           {"id": "4010", "type": "Reply", "timestamp": "2026-03-10T09:00:00+00:00", "content": "Yes, it is nice",
            "author": {"id": "3002", "name": "bob", "nickname": "Bob", "isBot": false},
            "reference": {"messageId": "4005", "channelId": "2001", "guildId": "1000"}}
         ]}
        """.write(to: copy.appendingPathComponent("general [part 2].json"), atomically: true, encoding: .utf8)
        // The thread loses its bot message.
        let threadURL = copy.appendingPathComponent("help-thread.json")
        var thread = try JSONSerialization.jsonObject(with: Data(contentsOf: threadURL)) as! [String: Any]
        thread["messages"] = Array((thread["messages"] as! [Any]).dropLast())
        try JSONSerialization.data(withJSONObject: thread).write(to: threadURL)

        let update = try await DiscordImporter(path: copy.path).run(into: store)
        #expect(update.dayFiles == 3)
        #expect(update.dayFilesUnchanged == 1)
        #expect(update.dayFilesImported == 2)
        #expect(update.activitiesWritten == 1 + 3)
        var expected = Self.counts
        expected.activities += 1 - 1
        expected.sourceFiles += 1
        #expect(try await store.counts() == expected)

        let rows = try await store.snapshot(ActivityQuery(spaces: ["general"])).activities
        let reply = try #require(rows.last)
        #expect(reply.kind == .reply)
        #expect(reply.threadRoot == Self.time("2026-03-04T12:00:00Z"))  // 4005, in general.json
    }

    @Test(arguments: TestStores.kinds) func malformedJSONNamesTheFileAndPositionAndWritesNothing(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        _ = try await DiscordImporter(path: Fixtures.discordExport.path).run(into: store)
        let copy = try Fixtures.temporaryCopy(of: Fixtures.discordExport)
        let general = copy.appendingPathComponent("general.json")
        let text = try String(contentsOf: general, encoding: .utf8)
        try String(text.prefix(600)).write(to: general, atomically: true, encoding: .utf8)
        // A new file too, so a partial write would show in the counts.
        try #"{"guild": {"id": "1000"}, "channel": {"id": "2009", "name": "new"}, "messages": [{"id": "1", "timestamp": "2026-03-11T09:00:00Z", "author": {"id": "3001", "name": "alice"}}]}"#
            .write(to: copy.appendingPathComponent("a-new.json"), atomically: true, encoding: .utf8)

        await #expect {
            _ = try await DiscordImporter(path: copy.path).run(into: store)
        } throws: { error in
            let description = (error as? ImportError)?.description ?? ""
            return description.hasPrefix("general.json:") && description.contains("malformed JSON")
                && description.range(of: #"^general\.json:\d+:\d+: "#, options: .regularExpression) != nil
        }
        #expect(try await store.counts() == Self.counts)
    }

    /// With `skipBadFiles`, a damaged thread file is listed and the rest imported: general.json alone
    /// gives the same 7 accounts (erin joins, the bot posts there too), 1 space, 9 activities,
    /// 2 reactions (👋 by bob and carol), 2 mentions and 1 source file.
    @Test(arguments: TestStores.kinds) func skipBadFilesImportsTheRestAndSaysWhy(_ kind: TestStoreKind) async throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.discordExport)
        try #"{"guild": {"id": "1000"}, "channel": {"id": "2003"}, "messages": [{"id": 5}]}"#
            .write(to: copy.appendingPathComponent("help-thread.json"), atomically: true, encoding: .utf8)
        let store = try await TestStores.make(kind)
        let summary = try await DiscordImporter(path: copy.path, options: ImportOptions(skipBadFiles: true)).run(into: store)
        #expect(summary.skipped.map(\.description) == [
            "help-thread.json:at messages[0].id: expected a string; Expected to decode String but found number instead."
        ])
        #expect(try await store.counts() == StoreCounts(
            workspaces: 1, members: 7, identities: 7, spaces: 1, activities: 9, reactions: 2, mentions: 2, sourceFiles: 1))
    }

    @Test(arguments: TestStores.kinds) func badTimestampNamesFileMessageAndValue(_ kind: TestStoreKind) async throws {
        let directory = try TemporaryDirectory.make()
        try #"{"guild": {"id": "1000"}, "channel": {"id": "2001", "name": "general"}, "messages": [{"id": "7", "timestamp": "2026-03-02T09:00:00+01:00"}, {"id": "8", "timestamp": "yesterday at noon"}]}"#
            .write(to: directory.appendingPathComponent("general.json"), atomically: true, encoding: .utf8)
        let store = try await TestStores.make(kind)
        await #expect {
            _ = try await DiscordImporter(path: directory.path).run(into: store)
        } throws: { error in
            (error as? ImportError)?.description
                == #"general.json:at messages[1] (id 8).timestamp: `timestamp` must be an ISO 8601 time with an offset like "2026-03-02T09:15:00.123+01:00", found "yesterday at noon""#
        }
        #expect(try await store.counts().activities == 0)
    }

    @Test(arguments: TestStores.kinds) func filesOfTwoServersAreRefused(_ kind: TestStoreKind) async throws {
        let copy = try Fixtures.temporaryCopy(of: Fixtures.discordExport)
        try #"{"guild": {"id": "7777", "name": "Other"}, "channel": {"id": "1", "name": "x"}, "messages": []}"#
            .write(to: copy.appendingPathComponent("other.json"), atomically: true, encoding: .utf8)
        let store = try await TestStores.make(kind)
        await #expect {
            _ = try await DiscordImporter(path: copy.path).run(into: store)
        } throws: { error in
            let text = (error as? ImportError)?.description ?? ""
            return text.hasPrefix("other.json: ") && text.contains("7777") && text.contains("general.json")
        }
    }

    @Test(arguments: TestStores.kinds) func otherJSONIsNotADiscordExport(_ kind: TestStoreKind) async throws {
        let store = try await TestStores.make(kind)
        await #expect {
            _ = try await DiscordImporter(path: Fixtures.telegramExport.path).run(into: store)
        } throws: { error in
            let text = (error as? ImportError)?.description ?? ""
            return text.hasPrefix("result.json: not a Discord export") && text.contains("DiscordChatExporter")
        }
    }
}
