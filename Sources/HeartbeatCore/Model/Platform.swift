/// A place where a community lives. Every identity, space and activity keeps its platform so that
/// reports can be filtered with `--platform` once several importers feed one store.
public enum Platform: String, Sendable, Codable, CaseIterable, Hashable {
    case slack
    case discord
    case telegram
    case github
    case web
    case events
}
