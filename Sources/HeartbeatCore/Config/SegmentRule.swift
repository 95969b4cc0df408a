/// A persona or segment declared in `heartbeat.toml` (`[[segment]]`). A member belongs to it when
/// any rule matches (or, with `match = "all"`, every rule that is given):
/// - `titles`: the profile title contains one of these, case-insensitively (`"ios"` matches
///   "Senior iOS engineer");
/// - `channels`: the member posted in one of these channels (name, with or without `#`);
/// - `terms`: one of the member's messages contains one of these words or phrases;
/// - `platforms`: the member has an account on one of these platforms.
/// Rules are evaluated over the whole history in the store, so membership does not depend on the
/// report's period. A member may be in several segments.
public struct SegmentRule: Sendable, Equatable {
    public enum Match: String, Sendable {
        case any, all
    }

    public var name: String
    public var titles: [String]
    public var channels: [String]
    public var terms: [String]
    public var platforms: [Platform]
    public var match: Match

    public init(
        name: String, titles: [String] = [], channels: [String] = [], terms: [String] = [],
        platforms: [Platform] = [], match: Match = .any
    ) {
        self.name = name
        self.titles = titles
        self.channels = channels
        self.terms = terms
        self.platforms = platforms
        self.match = match
    }

    /// Whether a rule reads message text (so the store must load it).
    public var needsText: Bool { !terms.isEmpty }
}
