/// The reader identity behind "unique visitors" and "new versus returning": a hash of the client
/// address and user agent with a secret salt kept in the store. The address itself is never
/// stored, and without the salt the hash cannot be tied back to an address. The same salt serves
/// logs, CSV imports and the collection endpoint, so one reader is one visitor across them.
public enum VisitorID {
    /// 16 hex digits (64 bits): collisions are negligible at a blog's scale.
    public static func make(salt: [UInt8], address: String, userAgent: String) -> String {
        var bytes = salt
        bytes.append(0)
        bytes.append(contentsOf: address.utf8)
        bytes.append(0)
        bytes.append(contentsOf: userAgent.utf8)
        return SHA256.hexDigits(SHA256.digest(bytes).prefix(8))
    }

    /// For visitor ids another tool already pseudonymised (a CSV's `visitor` column): hashed with
    /// the salt too, so the stored value never equals the exported one.
    public static func make(salt: [UInt8], externalID: String) -> String {
        make(salt: salt, address: "external", userAgent: externalID)
    }
}
