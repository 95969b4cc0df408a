/// 64-bit keys interned to dense ids `0..<count`, in order of first insertion: the counting table
/// of the text reports (a phrase as its two word ids, a term in a channel as `space << 32 | term`),
/// where a `Dictionary` would hash every key with SipHash. Open addressing with linear probing,
/// kept at most half full; each slot holds its key beside its id, so a look-up reads one cache
/// line. Inlinable: it is called per word from other modules.
public struct IntegerKeyTable: Sendable {
    @usableFromInline
    struct Slot: Sendable {
        @usableFromInline var key: UInt64
        /// `id + 1`, 0 for an empty slot.
        @usableFromInline var idPlusOne: Int32

        @inlinable init(key: UInt64, idPlusOne: Int32) {
            self.key = key
            self.idPlusOne = idPlusOne
        }
    }

    /// The keys, by id.
    public private(set) var keys: [UInt64] = []
    /// The count is a power of two.
    @usableFromInline var slots: [Slot]
    /// 64 − log2(slots.count): the hash's top bits pick the slot.
    @usableFromInline var shift: UInt64

    public init(minimumCapacity: Int = 32) {
        var capacity = 16
        while capacity < 2 * minimumCapacity { capacity *= 2 }
        slots = [Slot](repeating: Slot(key: 0, idPlusOne: 0), count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    public var count: Int { keys.count }

    /// The id of `key`, or `nil` when it was never inserted.
    @inlinable
    public func find(_ key: UInt64) -> Int32? {
        let mask = slots.count - 1
        var index = Self.slot(of: key, shift: shift)
        while true {
            let slot = slots[index]
            if slot.idPlusOne == 0 { return nil }
            if slot.key == key { return slot.idPlusOne - 1 }
            index = (index + 1) & mask
        }
    }

    /// The id of `key`, inserting it (with the next id) when new.
    @inlinable
    public mutating func intern(_ key: UInt64) -> Int32 {
        let mask = slots.count - 1
        var index = Self.slot(of: key, shift: shift)
        while true {
            let slot = slots[index]
            if slot.idPlusOne == 0 { break }
            if slot.key == key { return slot.idPlusOne - 1 }
            index = (index + 1) & mask
        }
        return insert(key, at: index)
    }

    @usableFromInline
    mutating func insert(_ key: UInt64, at index: Int) -> Int32 {
        let id = Int32(keys.count)
        keys.append(key)
        slots[index] = Slot(key: key, idPlusOne: id + 1)
        if keys.count * 2 > slots.count { grow() }
        return id
    }

    @inlinable
    static func slot(of key: UInt64, shift: UInt64) -> Int {
        // Fibonacci hashing: the multiplication spreads every key bit into the top bits.
        Int(truncatingIfNeeded: ((key ^ (key >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        shift -= 1
        slots = [Slot](repeating: Slot(key: 0, idPlusOne: 0), count: capacity)
        let mask = capacity - 1
        for (id, key) in keys.enumerated() {
            var index = Self.slot(of: key, shift: shift)
            while slots[index].idPlusOne != 0 { index = (index + 1) & mask }
            slots[index] = Slot(key: key, idPlusOne: Int32(id) + 1)
        }
    }
}
