import GRDBSQLite

/// One block of memory holding the texts bound to a statement until it runs, so SQLite can point
/// at them (`SQLITE_STATIC`) instead of copying each into an allocation of its own
/// (`SQLITE_TRANSIENT`: a malloc, a copy and a free for every text). The ingest's multi-row inserts
/// bind about 2.6 million texts in a first import of the 1M bench (each message's text, external
/// id and subtype, each reaction's name); `perf` put malloc, free and SQLite's copying at about
/// 5 % of the writer thread. The block never moves: a text that does not fit is bound the usual way.
final class BoundTextArena {
    private let base: UnsafeMutableRawPointer
    private let capacity: Int
    private var used = 0

    init(capacity: Int = 1 << 20) {
        self.capacity = capacity
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    /// Binds `bytes` as parameter `index` of `statement`: from a copy in the arena when it fits,
    /// else copied by SQLite. The copy stays valid until `reset`, which the caller calls only
    /// after the statement ran (and before it binds again).
    func bind(_ bytes: UnsafeBufferPointer<UInt8>, to statement: OpaquePointer, at index: Int32) {
        guard bytes.count <= capacity - used, let source = bytes.baseAddress else {
            sqlite3_bind_text(statement, index, bytes.baseAddress, Int32(bytes.count), SQLiteRawStatement.transient)
            return
        }
        let target = base + used
        target.copyMemory(from: source, byteCount: bytes.count)
        used += bytes.count
        sqlite3_bind_text(statement, index, target.assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.static)
    }

    /// Makes the whole block free again: only once nothing bound from it will be read.
    func reset() { used = 0 }

    private static let `static` = unsafeBitCast(0, to: sqlite3_destructor_type.self)
}
