import HeartbeatCore

/// Counts one member's posts by near-identical key (`TextTerms.nearIdenticalKey`), the bot-like
/// evidence of `Organic`. The keys are compared as `String`s compare; ASCII keys, where that is
/// byte equality, are counted by their bytes without making a `String` per post, and a member
/// with any other key is counted with `String` keys as before.
struct NearIdenticalKeys {
    struct Counts {
        /// Posts whose key another post of the member shares.
        var repeated: Int
        /// The most common key and its posts (ties: the smallest key); `nil` without posts.
        var mostCommon: (key: String, count: Int)?
    }

    private var table = ByteStringTable(minimumCapacity: 256)
    private var postsPerKey: [Int] = []
    private var buffer: [UInt8] = []

    mutating func count<Texts: Collection>(_ texts: Texts) -> Counts where Texts.Element == String {
        table.removeAll()
        postsPerKey.removeAll(keepingCapacity: true)
        for text in texts {
            TextTerms.nearIdenticalKey(text, into: &buffer)
            guard buffer.allSatisfy({ $0 < 0x80 }) else { return Self.countStrings(texts) }
            let id = Int(buffer.withUnsafeBufferPointer { table.intern($0) })
            if id == postsPerKey.count { postsPerKey.append(0) }
            postsPerKey[id] += 1
        }
        guard let most = postsPerKey.max() else { return Counts(repeated: 0, mostCommon: nil) }
        let repeated = postsPerKey.reduce(0) { $1 > 1 ? $0 + $1 : $0 }
        let smallestKey = postsPerKey.indices.filter { postsPerKey[$0] == most }.map { table.string(Int32($0)) }.min()!
        return Counts(repeated: repeated, mostCommon: (smallestKey, most))
    }

    private static func countStrings<Texts: Collection>(_ texts: Texts) -> Counts where Texts.Element == String {
        var counts: [String: Int] = [:]
        for text in texts { counts[TextTerms.nearIdenticalKey(text), default: 0] += 1 }
        let repeated = counts.values.filter { $0 > 1 }.reduce(0, +)
        let top = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })
        return Counts(repeated: repeated, mostCommon: top.map { ($0.key, $0.value) })
    }
}
