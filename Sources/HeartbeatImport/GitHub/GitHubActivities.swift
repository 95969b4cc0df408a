import HeartbeatCore

/// Builds the activities GH Archive and the REST API have in common, in one place so that both give
/// the same external ids and kinds: an issue or pull request seen in both sources is stored once.
///
/// External ids: `issue/<number>`, `pr/<number>`, `merge/<number>`, `comment/<id>`, `review/<id>`,
/// `review-comment/<id>`, `push/<push id or head sha>`, `star/<login>`, `fork/<login>`, and
/// `event/<GH Archive event id>` for everything that is activity but not a post.
enum GitHubActivities {
    /// Opening an issue or a pull request: a top-level post (`.botMessage` when an integration
    /// opened it, keeping `issue` or `pull_request` as subtype). Text is the title, a blank line and
    /// the body; only issues are judged as questions (a pull request proposes, it does not ask).
    static func opening(
        number: Int, isPullRequest: Bool, title: String?, body: String?, author: GitHubUser?, time: Timestamp
    ) -> Activity {
        let title = title ?? "", body = body ?? ""
        let text = body.isEmpty ? title : title + "\n\n" + body
        let isBot = author?.isBot ?? false
        return Activity(
            externalID: (isPullRequest ? "pr/" : "issue/") + String(number),
            kind: isBot ? .botMessage : (isPullRequest ? .pullRequest : .issue),
            subtype: isBot ? (isPullRequest ? "pull_request" : "issue") : nil, time: time, authorID: author?.externalID,
            text: text,
            isQuestion: !isPullRequest && !isBot && QuestionHeuristic.looksLikeQuestion(title + "\n" + body))
    }

    /// A pull request merged: credited to the pull request's author (whom the contributor funnel
    /// follows), not to who pressed the button, and dated when it was merged.
    static func merge(number: Int, author: GitHubUser?, time: Timestamp) -> Activity {
        Activity(externalID: "merge/" + String(number), kind: .merge, time: time, authorID: author?.externalID)
    }

    /// A comment (`issue_comment`), review (`review`) or review comment (`review_comment`): a reply
    /// in the thread of its issue or pull request. `root` is `nil` when the thread's start is not
    /// known yet; the importer fills it in later when it can.
    static func reply(
        externalID: String, subtype: String, body: String?, author: GitHubUser?, time: Timestamp, root: GitHubRoot?
    ) -> Activity {
        let isBot = author?.isBot ?? false
        return Activity(
            externalID: externalID, kind: isBot ? .botMessage : .reply, subtype: subtype, time: time,
            authorID: author?.externalID, threadRoot: root?.time, parentAuthorID: root?.authorID, text: body ?? "")
    }
}
