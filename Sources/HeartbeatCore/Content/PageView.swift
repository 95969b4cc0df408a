/// One page read by one visitor, the unit every readership figure counts. The visitor is an
/// opaque ``VisitorID`` (a salted hash), never an IP address.
public struct PageView: Sendable, Hashable {
    public var at: Timestamp
    /// Normalised with ``ContentPath/normalize(_:)``: no host, query or trailing slash.
    public var path: String
    public var visitor: String
    /// Where the reader came from (`host/path`), nil when direct or internal.
    public var referrer: String?
    /// The community member reading, when the caller of the collection endpoint knew them.
    public var memberID: Int64?
    /// The file or feed it came from (`log:…`, `csv:…`, `collect`): with `line`, what makes a
    /// re-import of the same file add nothing.
    public var source: String
    /// Line in the source; nil for the collection endpoint, where every call is one view.
    public var line: Int?

    public init(
        at: Timestamp, path: String, visitor: String, referrer: String? = nil, memberID: Int64? = nil,
        source: String, line: Int? = nil
    ) {
        self.at = at
        self.path = path
        self.visitor = visitor
        self.referrer = referrer
        self.memberID = memberID
        self.source = source
        self.line = line
    }
}
