import HeartbeatCore

/// A workspace's account ids by external id, for the ingest's hot path: the author, the parent
/// author, each reacting user and each mention of every activity, about 2.2 million look-ups in a
/// first import of the 1M bench. The external ids are interned as bytes (`ByteStringTable`, a cheap
/// multiply-and-shift hash): a `[String: Int64]` hashed each look-up with SipHash, which with its
/// probing was 11 % of the writer thread's samples (`perf`), on the one thread an import waits for.
/// Byte equality is also how the store's `UNIQUE (workspace_id, external_id)` compares them.
struct IdentityIDMap {
    private var keys: ByteStringTable
    /// The account id of each interned key, by the key's id.
    private var ids: [Int64] = []

    init(minimumCapacity: Int = 1024) {
        keys = ByteStringTable(minimumCapacity: minimumCapacity)
        ids.reserveCapacity(minimumCapacity)
    }

    /// The account id stored for `externalID`; setting one replaces what was stored.
    subscript(externalID: String) -> Int64? {
        get {
            guard let key = Self.withBytes(of: externalID, { keys.find($0) }) else { return nil }
            return ids[Int(key)]
        }
        set {
            // Accounts are never forgotten during an import, only added or given an id.
            guard let newValue else { return }
            let key = Self.withBytes(of: externalID) { keys.intern($0) }
            if Int(key) == ids.count { ids.append(newValue) } else { ids[Int(key)] = newValue }
        }
    }

    /// `body` over the UTF-8 bytes of `string`: in place for a native string (a small one is
    /// copied to the stack), through a copy for a bridged one.
    @inline(__always)
    private static func withBytes<T>(of string: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = string
        return copy.withUTF8(body)
    }
}
