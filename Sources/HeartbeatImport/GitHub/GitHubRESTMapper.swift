import Foundation
import HeartbeatCore

/// Turns the elements of a REST API file into the same activities GH Archive gives for them (see
/// `GitHubActivities`): issues → `.issue`, pull requests → `.pullRequest` plus `.merge` when merged,
/// issue comments → `.reply`. The REST lists carry no event ids, so closings, reopenings and the
/// like (GH Archive's `.other` events) cannot come from them.
///
/// A comment names only its issue's number: its `threadRoot` is filled in by the importer from an
/// issue or pull request of the same run, or one already stored; failing both, the comment is
/// stored as a reply without a thread start.
struct GitHubRESTMapper {
    let path: String
    /// Lowercased `owner/name`s to keep; empty keeps every repository.
    let repositories: Set<String>

    func map(_ bytes: [UInt8], into content: inout GitHubFileContent) throws {
        let items = try JSONFileDecoder.decode([GitHubRESTItem].self, from: Data(GitHubRESTPages.joined(bytes)), path: path)
        for (index, item) in items.enumerated() {
            let position = "[\(index)]"
            guard let kind = item.kind else {
                throw ImportError.notGitHubActivity(
                    path, detail: "element \(position) is neither an issue, a pull request nor an issue comment")
            }
            func parseTime(_ text: String?, _ field: String) throws -> Timestamp {
                guard let time = try GitHubTime.parse(text, field: field, path: path, position: position) else {
                    throw ImportError.unexpectedValue(path, position: position, detail: "required field `\(field)` is missing")
                }
                return time
            }
            switch kind {
            case .issue(let repository, let number, let isPullRequest):
                guard repositories.isEmpty || repositories.contains(repository.lowercased()) else {
                    content.filteredOut += 1
                    continue
                }
                let space = content.noteRepository(repository)
                content.identities.note(item.user)
                let created = try parseTime(item.createdAt, "created_at")
                content.roots[GitHubRoot.key(repository: space, number: number)] = GitHubRoot(
                    time: created, authorID: item.user?.externalID)
                content.add(
                    GitHubActivities.opening(
                        number: number, isPullRequest: isPullRequest, title: item.title, body: item.body,
                        author: item.user, time: created), space: space)
                if let mergedText = item.mergedAt ?? item.pullRequest?.mergedAt {
                    let merged = try parseTime(mergedText, "merged_at")
                    content.add(GitHubActivities.merge(number: number, author: item.user, time: merged), space: space)
                }
            case .comment(let repository, let number, let id):
                guard repositories.isEmpty || repositories.contains(repository.lowercased()) else {
                    content.filteredOut += 1
                    continue
                }
                let space = content.noteRepository(repository)
                content.identities.note(item.user)
                content.add(
                    GitHubActivities.reply(
                        externalID: "comment/" + String(id), subtype: "issue_comment", body: item.body, author: item.user,
                        time: try parseTime(item.createdAt, "created_at"), root: nil),
                    space: space, rootNumber: number)
            }
        }
    }
}
