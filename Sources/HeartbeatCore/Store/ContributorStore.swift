/// Where the contributor program lives: submissions with their history, roles and guideline
/// acceptances. Beside the community data in the same store, keyed by member ids, which re-imports
/// of chat data keep, so none of it is lost when an export is ingested again. Every write is one
/// transaction.
public protocol ContributorStore: Sendable {
    /// Members that `query` names exactly: a member id (`#12` or `12`), a handle (`@alice` or
    /// `alice`), an e-mail address, or a display or real name (case-insensitive).
    func findMembers(matching query: String) async throws -> [MemberRef]
    /// Up to `limit` members whose handle, name or e-mail contains `text`, for "did you mean".
    func suggestMembers(like text: String, limit: Int) async throws -> [MemberRef]
    /// Adds a member known only to the contributor program (no platform account yet), e.g. an
    /// author who pitched by e-mail.
    func addProgramMember(name: String) async throws -> MemberRef

    func addSubmission(_ new: NewSubmission) async throws -> Submission
    func submission(id: Int64) async throws -> Submission?
    /// Every submission, newest first.
    func submissions() async throws -> [Submission]
    /// Moves a submission to `state` if ``SubmissionState/allowedNext`` permits it, recording who,
    /// when and why; `url` is kept when given (the published address).
    func moveSubmission(
        id: Int64, to state: SubmissionState, at: Timestamp, actor: String, comment: String, url: String?
    ) async throws -> Submission
    /// Sets (or with `nil` clears) the editor, recorded in the history.
    func assignEditor(id: Int64, editorID: Int64?, at: Timestamp, actor: String, comment: String) async throws -> Submission
    /// The history of one submission, or of all when `id` is nil, oldest first.
    func submissionEvents(of id: Int64?) async throws -> [SubmissionEvent]
    /// Adds or updates submissions from a spreadsheet in one transaction: a row whose
    /// `externalKey` is known updates that submission (a changed state is recorded as `imported`);
    /// others are added.
    func importSubmissions(_ rows: [NewSubmission]) async throws -> SubmissionImportSummary

    /// Grants `role` from `starts`; granting a role already held is a no-op returning the grant.
    func grantRole(memberID: Int64, role: String, starts: CivilDate, note: String) async throws -> RoleGrant
    /// Ends the member's open grant of `role` on `ends` (first day no longer held).
    func revokeRole(memberID: Int64, role: String, ends: CivilDate) async throws -> RoleGrant
    func roleGrants() async throws -> [RoleGrant]

    func publishGuidelines(version: String, published: CivilDate, url: String?) async throws -> GuidelineVersion
    /// Records that a member accepted a version (again accepting is a no-op).
    func acceptGuidelines(memberID: Int64, version: String, at: Timestamp) async throws -> GuidelineAcceptance
    /// Oldest first: the last is the current version.
    func guidelineVersions() async throws -> [GuidelineVersion]
    func guidelineAcceptances() async throws -> [GuidelineAcceptance]
}

/// What a submissions import did.
public struct SubmissionImportSummary: Sendable, Hashable, Codable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public init() {}
}

extension ContributorStore {
    /// The one member `query` names, or a clear error: none (with suggestions) or several. With
    /// `creatingIfUnknown`, a name no member matches becomes a member known only to the program.
    public func resolveMember(_ query: String, creatingIfUnknown create: Bool = false) async throws -> MemberRef {
        let found = try await findMembers(matching: query)
        if found.count == 1 { return found[0] }
        if found.count > 1 { throw ContributorError.ambiguousMember(query, candidates: found.map { "#\($0.id) \($0.label)" }) }
        let key = query.hasPrefix("@") ? String(query.dropFirst()) : query
        if create { return try await addProgramMember(name: key) }
        let suggestions = key.count >= 3 ? try await suggestMembers(like: key, limit: 5) : []
        throw ContributorError.unknownMember(query, suggestions: suggestions.map(\.label))
    }
}
