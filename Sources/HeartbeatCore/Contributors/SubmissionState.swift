/// Where a submission stands in the contributor pipeline.
///
/// The happy path is `pitched → accepted → drafting → in-review → scheduled → published →
/// promoted`. A submission can be `declined` while the team is still deciding (pitched, accepted,
/// in review) and `withdrawn` by its author at any point before publication. Review can send a
/// draft back (`in-review → drafting`) and a scheduled piece back to review (`scheduled →
/// in-review`). `promoted`, `declined` and `withdrawn` are final; `published` only moves on to
/// `promoted`. The table in ``allowedNext`` is the one place these rules live.
public enum SubmissionState: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case pitched
    case accepted
    case drafting
    case inReview = "in-review"
    case scheduled
    case published
    case promoted
    case declined
    case withdrawn

    /// The states this one may move to.
    public var allowedNext: [SubmissionState] {
        switch self {
        case .pitched: [.accepted, .declined, .withdrawn]
        case .accepted: [.drafting, .declined, .withdrawn]
        case .drafting: [.inReview, .withdrawn]
        case .inReview: [.scheduled, .drafting, .declined, .withdrawn]
        case .scheduled: [.published, .inReview, .withdrawn]
        case .published: [.promoted]
        case .promoted, .declined, .withdrawn: []
        }
    }

    public func canMove(to next: SubmissionState) -> Bool { allowedNext.contains(next) }

    /// Still in the works: not yet published and neither declined nor withdrawn. Open submissions
    /// are the ones compared for duplicate work.
    public var isOpen: Bool {
        switch self {
        case .pitched, .accepted, .drafting, .inReview, .scheduled: true
        case .published, .promoted, .declined, .withdrawn: false
        }
    }

    /// No move leads out of it.
    public var isFinal: Bool { allowedNext.isEmpty }

    /// Reached publication (published or promoted).
    public var isPublished: Bool { self == .published || self == .promoted }

    /// The pipeline order (for sorting and board columns).
    public var order: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: SubmissionState, rhs: SubmissionState) -> Bool { lhs.order < rhs.order }

    /// Accepts the raw names and forgiving spellings (`in_review`, `In Review`, `inreview`).
    public init?(lenient text: String) {
        let key = text.lowercased().filter { $0.isLetter }
        guard let state = Self.allCases.first(where: { $0.rawValue.filter(\.isLetter) == key }) else { return nil }
        self = state
    }
}
