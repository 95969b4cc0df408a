import Foundation
import GRDB
import HeartbeatCore

extension SQLiteStore: ContentStore {
    public func visitorSalt() async throws -> [UInt8] {
        try await writer.write { db in
            if let stored = try Data.fetchOne(db, sql: "SELECT value FROM store_secret WHERE name = 'visitor_salt'") {
                return [UInt8](stored)
            }
            var generator = SystemRandomNumberGenerator()
            let salt = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try db.execute(sql: "INSERT INTO store_secret (name, value) VALUES ('visitor_salt', ?)", arguments: [Data(salt)])
            return salt
        }
    }

    public func recordPageViews<Result: Sendable>(
        _ produce: @escaping @Sendable (any PageViewSink) throws -> Result
    ) async throws -> (result: Result, written: PageViewWriteCounts) {
        try await writer.write { db in
            let sink = try PageViewWriter(db: db)
            let result = try produce(sink)
            if sink.counts.added > 0 { try Self.bumpGeneration(db) }
            return (result, sink.counts)
        }
    }

    public func pageViewLog() async throws -> PageViewLog {
        try await writer.read { db in
            var fold = PageViewFold()
            for row in try Row.fetchAll(db, sql: "SELECT id, path FROM web_path") {
                fold.addPath(id: row[0], path: row[1])
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, referrer FROM web_referrer") {
                fold.addReferrer(id: row[0], referrer: row[1])
            }
            fold.reserveViews(try Int.fetchOne(db, sql: "SELECT count(*) FROM page_view") ?? 0)
            let rows = try Row.fetchCursor(
                db, sql: "SELECT at, path_id, visitor_id, referrer_id, member_id FROM page_view ORDER BY at, id")
            while let row = try rows.next() {
                fold.addView(at: row[0], pathID: row[1], visitorID: row[2], referrerID: row[3], memberID: row[4])
            }
            return fold.log
        }
    }

    public func pageViewRange() async throws -> ClosedRange<Timestamp>? {
        try await writer.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT min(at), max(at) FROM page_view")
            guard let low: Int64 = row?[0], let high: Int64 = row?[1] else { return nil }
            return Timestamp(microseconds: low)...Timestamp(microseconds: high)
        }
    }

    public func saveContentItems(_ items: [ContentItem]) async throws -> UpsertCounts {
        try await writer.write { db in
            try Self.upsert(items, db: db, stored: { try Self.contentItems(db, where: "path = ?", [$0.path]).first }) { item in
                try db.execute(
                    sql: """
                        INSERT INTO content_item (path, title, author, author_member_id, published_at, url, tags)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(path) DO UPDATE SET title = excluded.title, author = excluded.author,
                            author_member_id = excluded.author_member_id, published_at = excluded.published_at,
                            url = excluded.url, tags = excluded.tags
                        """,
                    arguments: [
                        item.path, item.title, item.author, item.authorMemberID, item.publishedAt?.microseconds, item.url,
                        item.tags.joined(separator: "\n"),
                    ])
            }
        }
    }

    public func contentItems() async throws -> [ContentItem] {
        try await writer.read { db in try Self.contentItems(db, where: "1", []) }
    }

    public func memberIDsByEmail() async throws -> [String: Int64] {
        try await writer.read { db in
            var found: [String: Int64] = [:]
            var shared: Set<String> = []
            let rows = try Row.fetchAll(
                db, sql: "SELECT DISTINCT lower(email), member_id FROM identity WHERE email IS NOT NULL AND email <> ''")
            for row in rows {
                let email: String = row[0]
                let member: Int64 = row[1]
                if let known = found[email], known != member { shared.insert(email) }
                found[email] = member
            }
            // An address two members share (info@, a team inbox) identifies neither.
            for email in shared { found[email] = nil }
            return found
        }
    }

    private static func contentItems(_ db: Database, where condition: String, _ arguments: StatementArguments) throws
        -> [ContentItem]
    {
        try Row.fetchAll(
            db,
            sql: "SELECT path, title, author, author_member_id, published_at, url, tags FROM content_item WHERE \(condition) ORDER BY path",
            arguments: arguments
        ).map { row in
            let published: Int64? = row[4]
            let tags: String = row[6]
            return ContentItem(
                path: row[0], title: row[1], author: row[2], authorMemberID: row[3],
                publishedAt: published.map(Timestamp.init(microseconds:)),
                tags: tags.isEmpty ? [] : tags.split(separator: "\n").map(String.init), url: row[5])
        }
    }
}

/// Writes page views inside one transaction, interning paths, visitors, referrers and sources
/// with in-memory caches so a million views cost a million inserts and a few thousand lookups.
final class PageViewWriter: PageViewSink {
    private let db: Database
    private let insertView: Statement
    private var caches: [String: [String: Int64]] = [:]
    private(set) var counts = PageViewWriteCounts()

    init(db: Database) throws {
        self.db = db
        insertView = try db.makeStatement(
            sql: """
                INSERT OR IGNORE INTO page_view (at, path_id, visitor_id, referrer_id, member_id, source_id, line)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
    }

    func add(_ view: PageView) throws {
        let path = try intern(view.path, table: "web_path", column: "path")
        let visitor = try intern(view.visitor, table: "web_visitor", column: "key")
        let referrer = try view.referrer.map { try intern($0, table: "web_referrer", column: "referrer") }
        let source = try intern(view.source, table: "web_source", column: "key")
        try insertView.execute(arguments: [view.at.microseconds, path, visitor, referrer, view.memberID, source, view.line])
        if db.changesCount > 0 { counts.added += 1 } else { counts.alreadyStored += 1 }
    }

    private func intern(_ value: String, table: String, column: String) throws -> Int64 {
        if let id = caches[table]?[value] { return id }
        let id: Int64
        let select = try db.cachedStatement(sql: "SELECT id FROM \(table) WHERE \(column) = ?")
        if let known = try Int64.fetchOne(select, arguments: [value]) {
            id = known
        } else {
            try db.cachedStatement(sql: "INSERT INTO \(table) (\(column)) VALUES (?)").execute(arguments: [value])
            id = db.lastInsertedRowID
        }
        caches[table, default: [:]][value] = id
        return id
    }
}
