import Foundation
import HeartbeatCore
import NIOCore
import PostgresNIO

extension PostgresStore: ContentStore {
    public func visitorSalt() async throws -> [UInt8] {
        try await read { connection in
            if let stored = try await storedVisitorSalt(connection) { return stored }
            var generator = SystemRandomNumberGenerator()
            let salt = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            // Two processes may create it at once: the first stored wins, and both read that one back.
            try await connection.execute(
                """
                INSERT INTO store_secret (community_id, name, value) VALUES (\(communityID), 'visitor_salt', \(ByteBuffer(bytes: salt)))
                ON CONFLICT DO NOTHING
                """, logger: logger)
            return try await storedVisitorSalt(connection) ?? salt
        }
    }

    /// The producer parses a whole log synchronously, so it runs on a thread of its own while the
    /// views it hands over are collected in memory (interned: some 50 bytes a view). They are then
    /// written in one transaction with a few statements per ten thousand views, instead of a
    /// round trip per view. If the producer throws, nothing is stored.
    public func recordPageViews<Result: Sendable>(
        _ produce: @escaping @Sendable (any PageViewSink) throws -> Result
    ) async throws -> (result: Result, written: PageViewWriteCounts) {
        let (result, batch) = try await Self.onOwnThread {
            let collector = PageViewCollector()
            let result = try produce(collector)
            return (result, collector.batch)
        }
        guard batch.count > 0 else { return (result, PageViewWriteCounts()) }
        let counts = try await write { connection in
            let paths = try await internedIDs(batch.paths.values, table: "web_path", column: "path", connection)
            let visitors = try await internedIDs(batch.visitors.values, table: "web_visitor", column: "key", connection)
            let referrers = try await internedIDs(batch.referrers.values, table: "web_referrer", column: "referrer", connection)
            let sources = try await internedIDs(batch.sources.values, table: "web_source", column: "key", connection)
            var counts = PageViewWriteCounts()
            for start in stride(from: 0, to: batch.count, by: Self.pageViewsPerStatement) {
                let range = start..<min(start + Self.pageViewsPerStatement, batch.count)
                // Referrer ids start at 1 (BIGSERIAL), so 0 stands for none; member and line may be
                // anything, so they come with a flag (PostgresNIO's arrays hold no NULLs).
                let added = try await connection.execute(
                    """
                    INSERT INTO page_view (community_id, at, path_id, visitor_id, referrer_id, member_id, source_id, line)
                    SELECT \(communityID), at, path, visitor, NULLIF(referrer, 0), CASE WHEN has_member THEN member END,
                        source, CASE WHEN has_line THEN line END
                    FROM unnest(
                        \(Array(batch.at[range]))::bigint[], \(range.map { paths[Int(batch.path[$0])] })::bigint[],
                        \(range.map { visitors[Int(batch.visitor[$0])] })::bigint[],
                        \(range.map { batch.referrer[$0] < 0 ? 0 : referrers[Int(batch.referrer[$0])] })::bigint[],
                        \(Array(batch.member[range]))::bigint[], \(Array(batch.hasMember[range]))::boolean[],
                        \(range.map { sources[Int(batch.source[$0])] })::bigint[],
                        \(Array(batch.line[range]))::bigint[], \(Array(batch.hasLine[range]))::boolean[]
                    ) WITH ORDINALITY AS v(at, path, visitor, referrer, member, has_member, source, line, has_line, n)
                    ORDER BY n
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
                // A view whose (source, line) is stored, or came earlier in this batch, is skipped
                // (lines are numbered, so a re-import of a log adds nothing; NULL lines never clash).
                counts.added += added
                counts.alreadyStored += range.count - added
            }
            if counts.added > 0 { try await bumpGeneration(connection) }
            return counts
        }
        return (result, counts)
    }

    public func pageViewLog() async throws -> PageViewLog {
        try await read { connection in
            var fold = PageViewFold()
            for row in try await connection.rows(
                "SELECT id, path FROM web_path WHERE community_id = \(communityID) ORDER BY id", logger: logger)
            {
                let (id, path) = try row.decode((Int64, String).self)
                fold.addPath(id: id, path: path)
            }
            for row in try await connection.rows(
                "SELECT id, referrer FROM web_referrer WHERE community_id = \(communityID) ORDER BY id", logger: logger)
            {
                let (id, referrer) = try row.decode((Int64, String).self)
                fold.addReferrer(id: id, referrer: referrer)
            }
            // Streamed: a million views are decoded as they arrive, not held as rows first.
            for try await (at, pathID, visitorID, referrerID, memberID) in try await connection.query(
                """
                SELECT at, path_id, visitor_id, referrer_id, member_id FROM page_view
                WHERE community_id = \(communityID) ORDER BY at, id
                """, logger: logger
            ).decode((Int64, Int64, Int64, Int64?, Int64?).self) {
                fold.addView(at: at, pathID: pathID, visitorID: visitorID, referrerID: referrerID, memberID: memberID)
            }
            return fold.log
        }
    }

    public func pageViewRange() async throws -> ClosedRange<Timestamp>? {
        try await read { connection in
            guard
                let row = try await connection.rows(
                    "SELECT min(at), max(at) FROM page_view WHERE community_id = \(communityID)", logger: logger
                ).first
            else { return nil }
            let (low, high) = try row.decode((Int64?, Int64?).self)
            guard let low, let high else { return nil }
            return Timestamp(microseconds: low)...Timestamp(microseconds: high)
        }
    }

    public func saveContentItems(_ items: [ContentItem]) async throws -> UpsertCounts {
        guard !items.isEmpty else { return UpsertCounts() }
        return try await write { connection in
            let stored = try await storedContentItems(connection, paths: items.map(\.path))
            return try await saveKeyedRows(
                items, stored: stored, key: { Array($0.path.utf8) },
                storedForm: { item in
                    var copy = item
                    copy.tags = Self.splitTags(item.tags.joined(separator: "\n"))
                    return copy
                }, connection
            ) { changed in
                try await upsertRows(
                    changed, into: "content_item",
                    columns: ["path", "title", "author", "author_member_id", "published_at", "url", "tags"],
                    conflict: ["path"], connection
                ) { item, binds in
                    binds.append(item.path)
                    binds.append(item.title)
                    binds.append(item.author)
                    binds.append(item.authorMemberID)
                    binds.append(item.publishedAt?.microseconds)
                    binds.append(item.url)
                    binds.append(item.tags.joined(separator: "\n"))
                }
            }
        }
    }

    public func contentItems() async throws -> [ContentItem] {
        try await read { connection in try await storedContentItems(connection) }
    }

    public func memberIDsByEmail() async throws -> [String: Int64] {
        try await read { connection in
            var found: [String: Int64] = [:]
            var shared: Set<String> = []
            for row in try await connection.rows(
                """
                SELECT DISTINCT email, member_id FROM identity
                WHERE community_id = \(communityID) AND email IS NOT NULL AND email <> ''
                """, logger: logger)
            {
                let (stored, member) = try row.decode((String, Int64).self)
                // SQLite's lower() folds ASCII letters only; PostgreSQL's follows the server's locale.
                let email = Self.asciiLowercased(stored)
                if let known = found[email], known != member { shared.insert(email) }
                found[email] = member
            }
            // An address two members share (info@, a team inbox) identifies neither.
            for email in shared { found[email] = nil }
            return found
        }
    }

    // MARK: - Helpers

    /// Page views per INSERT: nine arrays of this many values, about a megabyte.
    static let pageViewsPerStatement = 10_000

    private func storedVisitorSalt(_ connection: PostgresConnection) async throws -> [UInt8]? {
        let rows = try await connection.rows(
            "SELECT value FROM store_secret WHERE community_id = \(communityID) AND name = 'visitor_salt'", logger: logger)
        guard let row = rows.first else { return nil }
        return Array(try row.decode(ByteBuffer.self).readableBytesView)
    }

    /// The ids of `values` in an interning table (`web_path`, …), by position; the missing ones
    /// are added first, in the order given (ids grow with first use, as in the SQLite store).
    /// Race-safe: a value another import adds meanwhile is skipped by the insert and found by the
    /// second look-up, which sees everything committed before it.
    private func internedIDs(
        _ values: [String], table: String, column: String, _ connection: PostgresConnection
    ) async throws -> [Int64] {
        guard !values.isEmpty else { return [] }
        var ids = [Int64](repeating: 0, count: values.count)
        func lookUp(_ wanted: [String], positions: [Int]) async throws -> [Int] {
            var found = [Bool](repeating: false, count: wanted.count)
            for row in try await connection.rows(
                """
                SELECT t.n, w.id FROM unnest(\(wanted)::text[]) WITH ORDINALITY AS t(value, n)
                JOIN \(unescaped: table) w ON w.community_id = \(communityID) AND w.\(unescaped: column) = t.value
                """, logger: logger)
            {
                let (n, id) = try row.decode((Int64, Int64).self)
                ids[positions[Int(n) - 1]] = id
                found[Int(n) - 1] = true
            }
            return found.indices.filter { !found[$0] }.map { positions[$0] }
        }
        let missing = try await lookUp(values, positions: Array(values.indices))
        guard !missing.isEmpty else { return ids }
        let newValues = missing.map { values[$0] }
        try await connection.execute(
            """
            INSERT INTO \(unescaped: table) (community_id, \(unescaped: column))
            SELECT \(communityID), value FROM unnest(\(newValues)::text[]) WITH ORDINALITY AS t(value, n) ORDER BY n
            ON CONFLICT DO NOTHING
            """, logger: logger)
        let unresolved = try await lookUp(newValues, positions: missing)
        guard unresolved.isEmpty else {
            throw StoreError.database(database.location, "\(table) lost \(unresolved.count) values while they were stored")
        }
        return ids
    }

    /// This community's catalog items, by path (in byte order, as SQLite sorts); with `paths`, only those.
    private func storedContentItems(_ connection: PostgresConnection, paths: [String]? = nil) async throws -> [ContentItem] {
        let columns = "path, title, author, author_member_id, published_at, url, tags"
        let query: PostgresQuery =
            if let paths {
                """
                SELECT \(unescaped: columns) FROM content_item
                WHERE community_id = \(communityID) AND path = ANY(\(paths)::text[])
                """
            } else {
                #"SELECT \#(unescaped: columns) FROM content_item WHERE community_id = \#(communityID) ORDER BY path COLLATE "C""#
            }
        return try await connection.rows(query, logger: logger).map { row in
            let (path, title, author, authorMemberID, published, url, tags) = try row.decode(
                (String, String, String?, Int64?, Int64?, String?, String).self)
            return ContentItem(
                path: path, title: title, author: author, authorMemberID: authorMemberID,
                publishedAt: published.map(Timestamp.init(microseconds:)), tags: Self.splitTags(tags), url: url)
        }
    }

    /// Tags as stored (one per line) back to a list.
    private static func splitTags(_ stored: String) -> [String] {
        stored.isEmpty ? [] : stored.split(separator: "\n").map(String.init)
    }

    private static func asciiLowercased(_ text: String) -> String {
        guard text.utf8.contains(where: { (0x41...0x5A).contains($0) }) else { return text }
        return String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}

/// The page views a producer handed over, column by column, with their strings interned in the
/// order first seen (`-1`: no referrer).
struct PageViewBatch: Sendable {
    /// Strings by first use, and each one's position.
    struct Strings: Sendable {
        private(set) var values: [String] = []
        private var positions: [String: Int32] = [:]

        mutating func position(of value: String) -> Int32 {
            if let known = positions[value] { return known }
            let position = Int32(values.count)
            values.append(value)
            positions[value] = position
            return position
        }
    }

    var paths = Strings(), visitors = Strings(), referrers = Strings(), sources = Strings()
    var at: [Int64] = [], path: [Int32] = [], visitor: [Int32] = [], referrer: [Int32] = [], source: [Int32] = []
    var member: [Int64] = [], hasMember: [Bool] = []
    var line: [Int64] = [], hasLine: [Bool] = []

    var count: Int { at.count }

    mutating func append(_ view: PageView) {
        at.append(view.at.microseconds)
        path.append(paths.position(of: view.path))
        visitor.append(visitors.position(of: view.visitor))
        referrer.append(view.referrer.map { referrers.position(of: $0) } ?? -1)
        source.append(sources.position(of: view.source))
        member.append(view.memberID ?? 0)
        hasMember.append(view.memberID != nil)
        line.append(Int64(view.line ?? 0))
        hasLine.append(view.line != nil)
    }
}

/// The sink `recordPageViews` gives its producer: it only collects.
final class PageViewCollector: PageViewSink {
    private(set) var batch = PageViewBatch()

    func add(_ view: PageView) throws {
        batch.append(view)
    }
}
