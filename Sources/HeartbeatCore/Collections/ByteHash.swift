/// A 64-bit hash of a byte string, eight bytes per multiplication, then a tail assembled byte by
/// byte: the hash of `ByteStringTable`'s words and of the paths in a Slack folder's listing, where
/// a byte-at-a-time hash (FNV) was the slowest part. Not a defence against forgery: a check that
/// two byte strings differ, and a spread for hash tables.
public enum ByteHash {
    @inlinable
    public static func of(_ key: UnsafeRawBufferPointer) -> UInt64 {
        let count = key.count
        var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        var offset = 0
        while offset + 8 <= count {
            hash = (hash ^ key.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < count {
            tail |= UInt64(key[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 29)
    }

    @inlinable
    public static func of(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        of(UnsafeRawBufferPointer(key))
    }
}
