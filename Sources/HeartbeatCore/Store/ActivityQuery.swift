/// Which part of the store a report reads. Every report takes the same filters.
public struct ActivityQuery: Sendable, Hashable {
    /// Only this platform (`--platform`); `nil` for all.
    public var platform: Platform?
    /// Only these spaces, by name (`general`, `#general`) or platform id; empty for all.
    public var spaces: [String]
    /// Load activities from this time on (reports ask for the period start minus the longest look-back
    /// window they need); `nil` loads the whole history. First-seen and first-post times are always
    /// computed over the whole history.
    public var since: Timestamp?
    /// Load message text too (topics, focus alignment, bot-likeness); costs memory, so off by default.
    public var includeText: Bool
    /// Load mentions (the influence graph).
    public var includeMentions: Bool
    /// Compute each member's first reaction over the whole history (the organic report).
    public var includeReactionHistory: Bool

    public init(
        platform: Platform? = nil, spaces: [String] = [], since: Timestamp? = nil, includeText: Bool = false,
        includeMentions: Bool = false, includeReactionHistory: Bool = false
    ) {
        self.platform = platform
        self.spaces = spaces
        self.since = since
        self.includeText = includeText
        self.includeMentions = includeMentions
        self.includeReactionHistory = includeReactionHistory
    }
}
