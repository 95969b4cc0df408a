/// Counts keyed by a non-negative `Int32` id, for a few ids among many (the terms one channel
/// uses, out of the whole vocabulary): open addressing with the count in the slot, so counting an
/// occurrence reads one slot, and each table stays small enough to stay in cache.
struct SparseCounts: Sendable {
    private struct Slot {
        /// `id + 1`, 0 for an empty slot.
        var idPlusOne: UInt32
        var count: UInt32
    }

    /// The count is a power of two, at most half full.
    private var slots = [Slot](repeating: Slot(idPlusOne: 0, count: 0), count: 16)
    private var shift: UInt32 = 32 - 4
    /// Ids with a non-zero count.
    private(set) var count = 0

    /// Adds `amount` to the count of `id`.
    @inline(__always)
    mutating func add(_ id: Int32, _ amount: Int = 1) {
        let key = UInt32(id) + 1
        let mask = slots.count - 1
        var index = Int((key &* 0x9E37_79B9) >> shift)
        while true {
            let found = slots[index].idPlusOne
            if found == key {
                slots[index].count += UInt32(amount)
                return
            }
            if found == 0 { break }
            index = (index + 1) & mask
        }
        slots[index] = Slot(idPlusOne: key, count: UInt32(amount))
        count += 1
        if count * 2 > slots.count { grow() }
    }

    /// Each id with its count, in no particular order.
    var entries: [(id: Int32, count: Int)] {
        slots.compactMap { $0.idPlusOne == 0 ? nil : (Int32($0.idPlusOne - 1), Int($0.count)) }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(idPlusOne: 0, count: 0), count: old.count * 2)
        shift -= 1
        let mask = slots.count - 1
        for slot in old where slot.idPlusOne != 0 {
            var index = Int((slot.idPlusOne &* 0x9E37_79B9) >> shift)
            while slots[index].idPlusOne != 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
