import CSQLiteSetup

/// A workspace's account ids by external id, for the ingest's hot path: the author, the parent
/// author, each reacting user and each mention of every activity, about 2.2 million look-ups in a
/// first import of the 1M bench, on the writer, the one thread an import waits for.
///
/// Ids of up to 15 bytes (every Slack, Discord and Telegram id) are kept inside the slot, beside
/// their account id: a look-up reads one cache line. A `[String: Int64]` hashed each id with
/// SipHash and was 11 % of the writer thread's `perf` samples; a byte-string table with the keys
/// in separate arrays was no better (four arrays of 50,000 accounts, a cache miss in each). Longer
/// ids go to a dictionary of their bytes. Ids are compared as bytes, as the store's `UNIQUE (workspace_id,
/// external_id)` compares them (not by canonical equivalence, as `String` does).
struct IdentityIDMap {
    /// The first 8 bytes of a short id (zero-padded), the next 7 with the length + 1 in the top
    /// byte of `high` (so `high == 0` marks an empty slot), and the account id.
    private struct Slot {
        var low: UInt64
        var high: UInt64
        var id: Int64
    }

    private var slots: [Slot]
    private var used = 0
    /// 64 − log2(slots.count): the hash's top bits pick the slot.
    private var shift: UInt64
    /// Ids longer than 15 bytes, by their bytes (not `String`, which would compare them by
    /// canonical equivalence, unlike the short ones and the store).
    private var long: [[UInt8]: Int64] = [:]

    init(minimumCapacity: Int = 1024) {
        var capacity = 16
        while capacity < 2 * minimumCapacity { capacity *= 2 }
        slots = [Slot](repeating: Slot(low: 0, high: 0, id: 0), count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    /// The account id stored for `externalID`; setting one replaces what was stored (setting `nil`
    /// changes nothing: accounts are never forgotten during an import).
    subscript(externalID: String) -> Int64? {
        get {
            guard let key = Self.key(externalID) else { return long[Array(externalID.utf8)] }
            let slot = position(of: key)
            return slots[slot].high == 0 ? nil : slots[slot].id
        }
        set {
            guard let newValue else { return }
            guard let key = Self.key(externalID) else {
                long[Array(externalID.utf8)] = newValue
                return
            }
            let slot = position(of: key)
            if slots[slot].high == 0 { used += 1 }
            slots[slot] = Slot(low: key.low, high: key.high, id: newValue)
            if used * 2 > slots.count { grow() }
        }
    }

    /// Starts loading the slot where `externalID` is looked up first, for a look-up soon after:
    /// the table (50,000 accounts: 3 MiB) is larger than the processor's caches, and each
    /// look-up waited for its slot (78 % of the look-up's samples on that one load). Hinting a
    /// chunk's ids before looking them up lets the misses overlap.
    @inline(__always)
    func prefetch(_ externalID: String) {
        guard let key = Self.key(externalID) else { return }
        let slot = firstSlot(of: key)
        slots.withUnsafeBufferPointer { heartbeat_prefetch($0.baseAddress! + slot) }
    }

    /// The slot form of a short id's UTF-8 bytes; `nil` when longer than 15 bytes.
    @inline(__always)
    private static func key(_ string: String) -> (low: UInt64, high: UInt64)? {
        string.withUTF8Bytes(key(bytes:))
    }

    @inline(__always)
    private static func key(bytes: UnsafeBufferPointer<UInt8>) -> (low: UInt64, high: UInt64)? {
        guard bytes.count <= 15 else { return nil }
        // The bytes copied in at once, read as two little-endian words: the same as shifting
        // each byte into place, in one copy instead of a loop per byte.
        var words: (UInt64, UInt64) = (0, 0)
        if let base = bytes.baseAddress {
            withUnsafeMutableBytes(of: &words) { $0.baseAddress!.copyMemory(from: base, byteCount: bytes.count) }
        }
        return (UInt64(littleEndian: words.0), UInt64(littleEndian: words.1) | UInt64(bytes.count + 1) << 56)
    }

    /// Where the search for `key` starts: its hash's top bits.
    @inline(__always)
    private func firstSlot(of key: (low: UInt64, high: UInt64)) -> Int {
        var hash = (key.low ^ (key.high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 31
        return Int(truncatingIfNeeded: (hash &* 0x94D0_49BB_1331_11EB) >> shift)
    }

    /// The slot holding `key`, or the empty slot where it belongs.
    @inline(__always)
    private func position(of key: (low: UInt64, high: UInt64)) -> Int {
        let mask = slots.count - 1
        var slot = firstSlot(of: key)
        return slots.withUnsafeBufferPointer { slots in
            while slots[slot].high != 0 && (slots[slot].low != key.low || slots[slot].high != key.high) {
                slot = (slot + 1) & mask
            }
            return slot
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(low: 0, high: 0, id: 0), count: old.count * 2)
        shift -= 1
        for entry in old where entry.high != 0 {
            slots[position(of: (entry.low, entry.high))] = entry
        }
    }
}
