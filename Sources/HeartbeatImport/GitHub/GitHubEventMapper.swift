import HeartbeatCore

/// Turns one GH Archive event of a kept repository into activities:
///
/// - `IssuesEvent` opened → `.issue`; `PullRequestEvent` opened → `.pullRequest` (both dated by the
///   issue's own `created_at`, as the REST API dates them).
/// - `PullRequestEvent` closed and merged → the opening (in case it predates the files imported),
///   a `.merge` credited to the pull request's author at `merged_at`, and the closing by the actor.
/// - `IssueCommentEvent`, `PullRequestReviewEvent`, `PullRequestReviewCommentEvent` → `.reply`
///   (subtype `issue_comment`, `review`, `review_comment`) in the thread of the issue or pull request.
/// - `PushEvent` → `.commit`; `WatchEvent` → `.star`; `ForkEvent` → `.fork`.
/// - Other actions (closed, reopened, labeled, edited, …) and other known types (release, create,
///   delete, …) → `.other` with a subtype such as `issues.closed` or `release`: activity, never posts.
/// - Unknown types → `.other` with the type as subtype, and a warning.
struct GitHubEventMapper {
    let path: String

    /// Types whose payload is read.
    static let payloadTypes: Set<String> = [
        "IssuesEvent", "IssueCommentEvent", "PullRequestEvent", "PullRequestReviewEvent",
        "PullRequestReviewCommentEvent", "PushEvent",
    ]

    /// Known types stored as `.other`, with their subtype.
    static let otherTypes: [String: String] = [
        "ReleaseEvent": "release", "CreateEvent": "create", "DeleteEvent": "delete", "MemberEvent": "member",
        "GollumEvent": "gollum", "CommitCommentEvent": "commit_comment", "PublicEvent": "public",
        "PullRequestReviewThreadEvent": "review_thread",
    ]

    static func isKnown(_ type: String) -> Bool {
        payloadTypes.contains(type) || otherTypes[type] != nil || type == "WatchEvent" || type == "ForkEvent"
    }

    func map(
        _ event: GitHubEventHeader, payload: GitHubEventPayload?, line: Int, into content: inout GitHubFileContent
    ) throws {
        let position = String(line)
        guard let time = try GitHubTime.parse(event.createdAt, field: "created_at", path: path, position: position)
        else { return }
        let space = content.noteRepository(event.repo.name)
        let actor = event.actor
        content.identities.note(actor)
        let action = payload?.action
        func other(_ subtype: String) -> Activity {
            Activity(externalID: "event/" + event.id, kind: .other, subtype: subtype, time: time, authorID: actor.externalID)
        }
        func require<T>(_ value: T?, _ field: String) throws -> T {
            guard let value else {
                throw ImportError.badGitHubEvent(path, line: line, column: nil, detail: "\(event.type) without `payload.\(field)`")
            }
            return value
        }
        func parseTime(_ text: String?, _ field: String) throws -> Timestamp? {
            try GitHubTime.parse(text, field: field, path: path, position: position)
        }
        /// The thread an issue or pull request starts, recorded for replies elsewhere in the run.
        func root(of item: GitHubIssue, number: Int) throws -> GitHubRoot? {
            content.identities.note(item.user)
            guard let created = try parseTime(item.createdAt, "created_at") else { return nil }
            let root = GitHubRoot(time: created, authorID: item.user?.externalID)
            content.roots[GitHubRoot.key(repository: space, number: number)] = root
            return root
        }

        switch event.type {
        case "IssuesEvent":
            let issue = try require(payload?.issue, "issue")
            let number = try require(issue.number, "issue.number")
            let root = try root(of: issue, number: number)
            if action == "opened" {
                content.add(
                    GitHubActivities.opening(
                        number: number, isPullRequest: issue.pullRequest != nil, title: issue.title, body: issue.body,
                        author: issue.user ?? actor, time: root?.time ?? time), space: space)
            } else {
                content.add(other("issues." + (action ?? "unknown")), space: space)
            }
        case "IssueCommentEvent":
            let issue = try require(payload?.issue, "issue")
            let number = try require(issue.number, "issue.number")
            let comment = try require(payload?.comment, "comment")
            let root = try root(of: issue, number: number)
            if action == nil || action == "created" {
                content.identities.note(comment.user)
                content.add(
                    GitHubActivities.reply(
                        externalID: "comment/" + String(comment.id), subtype: "issue_comment", body: comment.body,
                        author: comment.user ?? actor, time: try parseTime(comment.createdAt, "comment.created_at") ?? time,
                        root: root), space: space, rootNumber: root == nil ? number : nil)
            } else {
                content.add(other("issue_comment." + (action ?? "unknown")), space: space)
            }
        case "PullRequestEvent":
            let pull = try require(payload?.pullRequest, "pull_request")
            let number = try require(pull.number ?? payload?.number, "number")
            let root = try root(of: pull, number: number)
            content.identities.note(pull.mergedBy)
            func opening(at time: Timestamp) -> Activity {
                GitHubActivities.opening(
                    number: number, isPullRequest: true, title: pull.title, body: pull.body, author: pull.user ?? actor,
                    time: time)
            }
            switch action {
            case "opened":
                content.add(opening(at: root?.time ?? time), space: space)
            case "closed" where pull.wasMerged:
                if let root { content.add(opening(at: root.time), space: space) }
                let mergedAt = try parseTime(pull.mergedAtText, "pull_request.merged_at") ?? time
                content.add(GitHubActivities.merge(number: number, author: pull.user ?? actor, time: mergedAt), space: space)
                content.add(other("pull_request.closed"), space: space)
            default:
                content.add(other("pull_request." + (action ?? "unknown")), space: space)
            }
        case "PullRequestReviewEvent", "PullRequestReviewCommentEvent":
            let isReview = event.type == "PullRequestReviewEvent"
            let pull = try require(payload?.pullRequest, "pull_request")
            let number = try require(pull.number ?? payload?.number, "pull_request.number")
            let note = try require(isReview ? payload?.review : payload?.comment, isReview ? "review" : "comment")
            let root = try root(of: pull, number: number)
            // A review is "created" (older events said "submitted"); edits and dismissals are not posts.
            guard action == nil || action == "created" || action == "submitted" else {
                content.add(other((isReview ? "review." : "review_comment.") + (action ?? "unknown")), space: space)
                return
            }
            content.identities.note(note.user)
            let written = try parseTime(note.submittedAt ?? note.createdAt, isReview ? "review.submitted_at" : "comment.created_at")
            content.add(
                GitHubActivities.reply(
                    externalID: (isReview ? "review/" : "review-comment/") + String(note.id),
                    subtype: isReview ? "review" : "review_comment", body: note.body, author: note.user ?? actor,
                    time: written ?? time, root: root), space: space, rootNumber: root == nil ? number : nil)
        case "PushEvent":
            let push = payload ?? GitHubEventPayload()
            let id = push.pushID.map(String.init) ?? push.head ?? event.id
            content.add(
                Activity(externalID: "push/" + id, kind: .commit, subtype: "push", time: time, authorID: actor.externalID),
                space: space)
            if let commits = push.commits, let email = GitHubCommitEmail.evidence(commits: commits) {
                content.identities.addEmail(email, toLogin: actor.login)
            }
        case "WatchEvent":
            content.add(
                Activity(externalID: "star/" + actor.externalID, kind: .star, time: time, authorID: actor.externalID),
                space: space)
        case "ForkEvent":
            content.add(
                Activity(externalID: "fork/" + actor.externalID, kind: .fork, time: time, authorID: actor.externalID),
                space: space)
        default:
            if let subtype = Self.otherTypes[event.type] {
                content.add(other(subtype), space: space)
            } else {
                content.unknownTypes[event.type, default: (0, line)].count += 1
                content.add(other(event.type), space: space)
            }
        }
    }
}
