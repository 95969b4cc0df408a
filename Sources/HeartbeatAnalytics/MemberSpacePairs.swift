/// A set of (member, space) pairs, for counting the distinct posters of each channel over every
/// post: one bit per pair while members × spaces stays under 64 Mi bits (8 MiB), else a hash set.
/// (A `Set<Int64>` of every post's pair cost a SipHash per post.)
struct MemberSpacePairs {
    private let spaces: Int
    private var bits: [UInt64] = []
    private var large = Set<Int64>()
    private let usesBits: Bool

    init(members: Int, spaces: Int) {
        self.spaces = spaces
        let pairs = members.multipliedReportingOverflow(by: spaces)
        usesBits = !pairs.overflow && pairs.partialValue <= 1 << 26
        if usesBits { bits = [UInt64](repeating: 0, count: (pairs.partialValue + 63) / 64) }
    }

    /// Adds the pair; true if it was not there yet. `member` and `space` are indexes (≥ 0).
    mutating func insert(member: Int32, space: Int32) -> Bool {
        guard usesBits else { return large.insert(Int64(member) << 32 | Int64(space)).inserted }
        let pair = Int(member) * spaces + Int(space)
        let mask: UInt64 = 1 << UInt64(pair & 63)
        guard bits[pair >> 6] & mask == 0 else { return false }
        bits[pair >> 6] |= mask
        return true
    }
}
