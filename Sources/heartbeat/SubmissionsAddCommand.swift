import Foundation
import ArgumentParser
import HeartbeatAnalytics
import HeartbeatCore
import HeartbeatStore

struct SubmissionsAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a pitch; warns when it resembles open work (heartbeat overlaps explains the measure).")

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @Argument(help: "The title.") var title: String
    @Option(help: "The author: @handle, name, e-mail or member id.") var author: String
    @Option(help: "A short summary (compared for duplicate work).") var summary: String = ""
    @Option(name: .customLong("tag"), help: "A tag (repeat for several).") var tags: [String] = []
    @Option(help: "tutorial, talk, code or other.") var kind: SubmissionKind = .tutorial
    @Option(help: "An editor to assign right away.") var editor: String?
    @Flag(help: "Add the author (and editor) as a member known only to the program when no member matches.")
    var newMember = false
    @Flag(help: "Do not print resemblances to open work.") var quiet = false
    @OptionGroup var change: ChangeOptions

    func run() async throws {
        let settings = try config.load(besideDatabase: store.location)
        let database = try await store.open()
        let authorRef = try await database.resolveMember(author, creatingIfUnknown: newMember)
        let editorRef = try await editor.asyncMap { try await database.resolveMember($0, creatingIfUnknown: newMember) }
        let added = try await database.addSubmission(
            NewSubmission(
                kind: kind, title: title, summary: summary, tags: tags, authorID: authorRef.id, editorID: editorRef?.id,
                createdAt: change.moment, actor: change.actor, comment: change.comment))
        print("Added #\(added.id) \"\(added.title)\" by \(added.author.label) (pitched).")
        guard !quiet else { return }
        let all = try await database.submissions()
        let works = all.map(Overlaps.Work.init)
        guard let index = all.firstIndex(where: { $0.id == added.id }) else { return }
        let similar = Overlaps.resembling(
            index, among: works, threshold: settings.contributors.overlapThreshold, tagBoost: settings.contributors.tagBoost)
        for match in similar {
            let other = works[match.second]
            Terminal.printError(
                "warning: #\(added.id) resembles \(other.reference) \"\(other.title)\" by \(other.author) (\(other.state)), "
                    + "similarity \(String(format: "%.2f", match.similarity)); shared: "
                    + (match.sharedTerms + match.sharedTags.map { "#" + $0 }).joined(separator: ", ")
                    + ". Consider bringing the two authors together.")
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
