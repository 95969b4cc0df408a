/// One entry of a submission's history: its creation, a move between states, a change of editor,
/// or a state set by a spreadsheet import.
public struct SubmissionEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, Hashable, CaseIterable {
        /// Pitched (the first event; `to` is `pitched`, or the state a new import row has).
        case created
        /// A move along the pipeline, checked against ``SubmissionState/allowedNext``.
        case moved
        /// The editor changed (`editor` is the new one, `nil` when unassigned).
        case assigned
        /// A state set by an import, which may skip states; the time spent before it is unknown,
        /// so time-in-state figures leave such stays out.
        case imported
    }

    public var submissionID: Int64
    public var kind: Kind
    public var from: SubmissionState?
    public var to: SubmissionState?
    public var editor: MemberRef?
    public var at: Timestamp
    /// Who did it: a dashboard account, the person named with `--by`, or the import file.
    public var actor: String
    public var comment: String

    public init(
        submissionID: Int64, kind: Kind, from: SubmissionState? = nil, to: SubmissionState? = nil,
        editor: MemberRef? = nil, at: Timestamp, actor: String, comment: String = ""
    ) {
        self.submissionID = submissionID
        self.kind = kind
        self.from = from
        self.to = to
        self.editor = editor
        self.at = at
        self.actor = actor
        self.comment = comment
    }

    /// The change in a few words: `pitched`, `accepted → drafting`, `pitched → published (import)`,
    /// `editor: Bob`.
    public var change: String {
        switch kind {
        case .created: "pitched"
        case .moved: "\(from?.rawValue ?? "?") → \(to?.rawValue ?? "?")"
        case .imported: "\(from?.rawValue ?? "?") → \(to?.rawValue ?? "?") (import)"
        case .assigned: "editor: \(editor?.label ?? "none")"
        }
    }
}
