import Dispatch
import HeartbeatCore

/// Who is one person, worked out on another core while an import goes on: from the accounts as
/// they stood right after the import upserted its member list, so the resolution that must come
/// before commit is already done when the last day file is written. Done at commit instead, it
/// was 0.1 s of a 1M-message first import's last 0.2 s, when the writer is the only thread left
/// running (perf samples per thread). `SQLiteIngestTransaction` uses it only when every account
/// added since stands alone (`IdentityResolver.standsAlone`): such an account is a person of its
/// own holding the new member it was created with, which is what resolving again would give.
final class IdentityResolutionAhead: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Written once on the worker before `done` is left; read only after `done.wait()`.
    private var result: MemberAssignment?

    /// Starts resolving `records` with `decisions` on a worker thread.
    init(records: [IdentityRecord], decisions: [IdentityDecision]) {
        done.enter()
        DispatchQueue.global().async {
            let resolution = IdentityResolver().resolve(records, decisions: decisions)
            self.result = MemberAssignment(records: records, resolution: resolution)
            self.done.leave()
        }
    }

    /// The members each person keeps, waiting for the worker if it is not done yet.
    func assignment() -> MemberAssignment {
        done.wait()
        return result!
    }
}
