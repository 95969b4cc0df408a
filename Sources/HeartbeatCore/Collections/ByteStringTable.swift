/// Byte strings interned to dense ids `0..<count`, in order of first insertion, compared byte for
/// byte: the word table of `TermVocabulary` and the near-identical message counts, where making a
/// `String` and hashing it per word dominated the text reports. Bytes are not Unicode-normalized
/// (`String` equality is canonical equivalence), so callers use it for ASCII, where the two agree.
public struct ByteStringTable: Sendable {
    /// Every key's bytes, one after the other; key `id` is `bytes[starts[id]..<starts[id + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
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

    public var count: Int { hashes.count }

    /// The id of `key`, or `nil` when it was never inserted.
    @inline(__always)
    public func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let found = position(of: key, hash: Self.hash(key))
        return found.id >= 0 ? found.id : nil
    }

    /// The id of `key`, inserting it (with the next id) when new.
    @inline(__always)
    public mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(key)
        let found = position(of: key, hash: hash)
        if found.id >= 0 { return found.id }
        let id = Int32(hashes.count)
        bytes.append(contentsOf: key)
        starts.append(bytes.count)
        hashes.append(hash)
        slots[found.slot] = id + 1
        if hashes.count * 2 > slots.count { grow() }
        return id
    }

    /// The key `id` as a string (its bytes decoded as UTF-8).
    public func string(_ id: Int32) -> String {
        String(decoding: bytes[starts[Int(id)]..<starts[Int(id) + 1]], as: UTF8.self)
    }

    /// Forgets every key, keeping the storage for reuse.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        starts.append(0)
        hashes.removeAll(keepingCapacity: true)
        for index in slots.indices { slots[index] = 0 }
    }

    /// `ByteHash`: words are short, and a byte-at-a-time hash (FNV) was the slowest part of a
    /// look-up.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        ByteHash.of(key)
    }

    @inline(__always)
    private func slot(of hash: UInt64) -> Int {
        Int(truncatingIfNeeded: ((hash ^ (hash >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The slot holding `key` and its id, or the empty slot where it belongs and -1.
    @inline(__always)
    private func position(of key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int, id: Int32) {
        let mask = slots.count - 1
        var slot = slot(of: hash)
        while true {
            let entry = slots[slot]
            if entry == 0 { return (slot, -1) }
            let id = Int(entry) - 1
            if hashes[id] == hash, equals(id, key) { return (slot, Int32(id)) }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id]
        guard starts[id + 1] - start == key.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            for offset in 0..<key.count where stored[start + offset] != key[offset] { return false }
            return true
        }
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        shift -= 1
        slots = [Int32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for id in hashes.indices {
            var slot = slot(of: hashes[id])
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id) + 1
        }
    }
}
