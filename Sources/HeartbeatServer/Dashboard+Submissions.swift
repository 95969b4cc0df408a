import Foundation
import HeartbeatCore
import HeartbeatStore
import HeartbeatReport
import Hummingbird

extension Dashboard {
    /// `state`, `tag`, `kind` and `open=1` from the query, checked; any other parameter but
    /// `community` is refused (a period, say, would otherwise look applied when it is not).
    func submissionFilter(_ request: Request) throws -> SubmissionFilter {
        var filter = SubmissionFilter()
        for (name, value) in request.queryPairs where name != CommunityScope.parameter {
            guard ["state", "kind", "tag", "open"].contains(name) else {
                throw DashboardError.badParameter(name, value, expected: "no such parameter here; the list takes state, tag, kind, open and community")
            }
            if value.isEmpty { continue }
            switch name {
            case "state":
                guard let state = SubmissionState(lenient: value) else {
                    throw DashboardError.badParameter(
                        "state", value, expected: "one of " + SubmissionState.allCases.map(\.rawValue).joined(separator: ", "))
                }
                filter.states.append(state)
            case "kind":
                guard let kind = SubmissionKind(rawValue: value) else {
                    throw DashboardError.badParameter("kind", value, expected: "tutorial, talk, code or other")
                }
                filter.kinds.append(kind)
            case "tag": filter.tags.append(value)
            case "open": filter.openOnly = value == "1" || value == "true"
            default: break
            }
        }
        return filter
    }

    func submissionCards(_ request: Request, context: DashboardContext) async throws -> [SubmissionCard] {
        let filter = try submissionFilter(request)
        let now = Timestamp.now
        return try await context.communityScope().store.submissions().filter { filter.matches($0, now: now) }.map {
            SubmissionCard($0, now: now, levels: config.serviceLevels.submissionDays)
        }
    }

    func submissionDetail(_ context: DashboardContext) async throws -> SubmissionDetail {
        let raw = context.parameters.get("id") ?? ""
        guard let id = Int64(raw), id > 0 else {
            throw DashboardError(.badRequest, "'\(raw.prefix(40))' is not a submission number: expected a whole number.")
        }
        let store = try context.communityScope().store
        guard let submission = try await store.submission(id: id) else {
            throw DashboardError(.notFound, "No submission #\(id).")
        }
        return SubmissionDetail(
            submission: SubmissionCard(submission, now: .now, levels: config.serviceLevels.submissionDays),
            history: try await store.submissionEvents(of: id), allowedNext: submission.state.allowedNext)
    }

    /// The pipeline as a board: one column per open state, then what was published and what was
    /// declined or withdrawn.
    func submissionsPage(request: Request, context: DashboardContext) async throws -> Response {
        let cards = try await submissionCards(request, context: context)
        func card(_ card: SubmissionCard) -> [String: Any] {
            let item = card.submission
            return [
                "id": item.id, "title": item.title, "author": item.author.label, "editor": item.editor?.label ?? "",
                "kind": item.kind.rawValue, "tags": item.tags.joined(separator: ", "), "state": item.state.rawValue,
                "days": ValueFormat.fixed(card.daysInState, places: 0), "overdue": card.overdue,
                "level": card.serviceLevelDays.map(String.init) ?? "",
            ]
        }
        let columns = SubmissionState.allCases.filter(\.isOpen).map { state -> [String: Any] in
            let inState = cards.filter { $0.submission.state == state }
            return ["state": state.rawValue, "count": inState.count, "cards": inState.map(card)]
        }
        let body = pages.fragment(
            "submissions",
            [
                "summary": "\(cards.count) submissions, \(cards.filter { $0.submission.state.isOpen }.count) open, \(cards.filter(\.overdue).count) overdue.",
                "columns": columns,
                "done": cards.filter { !$0.submission.state.isOpen }.map(card),
                "states": SubmissionState.allCases.map(\.rawValue),
            ], scope: try context.communityScope())
        return html(pages.page(title: "Submissions", body: body, context: context))
    }

    func submissionPage(request: Request, context: DashboardContext) async throws -> Response {
        let detail = try await submissionDetail(context)
        let card = detail.submission
        let item = card.submission
        let canMove = context.account?.role == .admin && context.session != nil && !detail.allowedNext.isEmpty
        var values: [String: Any] = [
            "id": item.id, "title": item.title, "kind": item.kind.rawValue, "state": item.state.rawValue,
            "author": item.author.label, "authorID": item.author.id, "editor": item.editor?.label ?? "–",
            "tags": item.tags.joined(separator: ", "), "summary": item.summary,
            "since": item.stateSince.isoDateTime, "days": ValueFormat.fixed(card.daysInState, places: 1),
            "overdue": card.overdue, "level": card.serviceLevelDays.map(String.init) ?? "–",
            "canMove": canMove, "csrf": context.session?.csrfToken ?? "",
            "next": detail.allowedNext.map(\.rawValue),
            "history": detail.history.map {
                ["at": $0.at.isoDateTime, "change": $0.change, "actor": $0.actor, "comment": $0.comment] as [String: Any]
            },
        ]
        // Absent, not empty: Mustache sections treat an empty string as present.
        if let url = item.url { values["url"] = url }
        let body = pages.fragment("submission", values, scope: try context.communityScope())
        return html(pages.page(title: "#\(item.id) \(item.title)", body: body, context: context))
    }

    /// `POST /submissions/ID/move` (admins, from the signed-in browser session, with the CSRF token).
    func moveSubmission(request: Request, context: DashboardContext) async throws -> Response {
        var request = request
        let form = try await DashboardForm.read(&request)
        guard let account = context.account, account.role == .admin else {
            throw DashboardError(.forbidden, "Only admins can move submissions.")
        }
        guard let session = context.session else {
            throw DashboardError(.forbidden, "Moving a submission needs the browser session (use the CLI with a token-less script).")
        }
        guard let sent = form.csrf, SecretToken.constantTimeEquals(sent, session.csrfToken) else {
            throw DashboardError(.forbidden, "The form did not come from this site (CSRF token missing or wrong). Reload the page and try again.")
        }
        let scope = try context.communityScope()
        let detail = try await submissionDetail(context)
        guard let raw = form.state, let state = SubmissionState(lenient: raw) else {
            throw DashboardError(.badRequest, "Choose the state to move to.")
        }
        let url = (form.url ?? "").trimmingCharacters(in: .whitespaces)
        do {
            _ = try await scope.store.moveSubmission(
                id: detail.submission.submission.id, to: state, at: .now, actor: account.name,
                comment: String((form.comment ?? "").prefix(2_000)), url: url.isEmpty ? nil : String(url.prefix(2_000)))
        } catch let error as ContributorError {
            throw DashboardError(.conflict, error.message)
        }
        var response = Response.redirect(to: scope.link("/submissions/\(detail.submission.submission.id)"), type: .found)
        response.status = .seeOther
        return response
    }

    /// `GET /api/v1/submissions?state=&tag=&kind=&open=1`.
    func submissionsJSON(request: Request, context: DashboardContext) async throws -> Response {
        let cards = try await submissionCards(request, context: context)
        return json(try JSONRenderer.render(SubmissionList(submissions: cards, total: cards.count)))
    }

    /// `GET /api/v1/submissions/ID`.
    func submissionJSON(request: Request, context: DashboardContext) async throws -> Response {
        json(try JSONRenderer.render(try await submissionDetail(context)))
    }
}
