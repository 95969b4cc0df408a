/// 64-bit keys interned to dense ids `0..<count`, in order of first insertion: the counting table
/// of the text reports (a phrase as its two word ids, a term in a channel as `space << 32 | term`),
/// where a `Dictionary` would hash every key with SipHash. Open addressing with linear probing,
/// kept at most half full.
public struct IntegerKeyTable: Sendable {
    /// The keys, by id.
    public private(set) var keys: [UInt64] = []
    /// `id + 1` per slot, 0 for an empty slot; the count is a power of two.
    private var slots: [Int32]
    /// 64 − log2(slots.count): the hash's top bits pick the slot.
    private var shift: UInt64

    public init(minimumCapacity: Int = 32) {
        var capacity = 16
        while capacity < 2 * minimumCapacity { capacity *= 2 }
        slots = [Int32](repeating: 0, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    public var count: Int { keys.count }

    /// The id of `key`, or `nil` when it was never inserted.
    @inline(__always)
    public func find(_ key: UInt64) -> Int32? {
        let mask = slots.count - 1
        var slot = Self.slot(of: key, shift: shift)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if keys[Int(entry) - 1] == key { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// The id of `key`, inserting it (with the next id) when new.
    @inline(__always)
    public mutating func intern(_ key: UInt64) -> Int32 {
        let mask = slots.count - 1
        var slot = Self.slot(of: key, shift: shift)
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if keys[Int(entry) - 1] == key { return entry - 1 }
            slot = (slot + 1) & mask
        }
        let id = Int32(keys.count)
        keys.append(key)
        slots[slot] = id + 1
        if keys.count * 2 > slots.count { grow() }
        return id
    }

    @inline(__always)
    private static func slot(of key: UInt64, shift: UInt64) -> Int {
        // Fibonacci hashing: the multiplication spreads every key bit into the top bits.
        Int(truncatingIfNeeded: ((key ^ (key >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        shift -= 1
        slots = [Int32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (id, key) in keys.enumerated() {
            var slot = Self.slot(of: key, shift: shift)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id) + 1
        }
    }
}
