import ArgumentParser
import HeartbeatCore
import HeartbeatStore

struct SubmissionsMoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move a submission to another state (only allowed moves; see heartbeat help submissions).")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The submission number (#12 or 12).") var id: SubmissionID
    @Argument(help: "The new state: \(SubmissionState.allCases.map(\.rawValue).joined(separator: ", ")).")
    var state: SubmissionState
    @Option(help: "Where it was published (with published), linking it to its readership.") var url: String?
    @OptionGroup var change: ChangeOptions

    func run() async throws {
        let database = try await store.open()
        let before = try await database.submission(id: id.value)
        let moved = try await database.moveSubmission(
            id: id.value, to: state, at: change.moment, actor: change.actor, comment: change.comment, url: url)
        print("#\(moved.id) \"\(moved.title)\": \(before?.state.rawValue ?? "?") → \(moved.state.rawValue).")
    }
}

struct SubmissionsAssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign", abstract: "Assign an editor to a submission (or --none to clear).")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The submission number.") var id: SubmissionID
    @Argument(help: "The editor: @handle, name, e-mail or member id.") var editor: String?
    @Flag(help: "Clear the editor.") var none = false
    @Flag(help: "Add the editor as a member known only to the program when no member matches.") var newMember = false
    @OptionGroup var change: ChangeOptions

    func validate() throws {
        if (editor == nil) == !none { throw ValidationError("Name an editor, or give --none to clear it.") }
    }

    func run() async throws {
        let database = try await store.open()
        let ref = try await editor.asyncMap { try await database.resolveMember($0, creatingIfUnknown: newMember) }
        let updated = try await database.assignEditor(
            id: id.value, editorID: ref?.id, at: change.moment, actor: change.actor, comment: change.comment)
        print("#\(updated.id) \"\(updated.title)\": editor \(updated.editor?.label ?? "none").")
    }
}

/// A submission number as typed: `12` or `#12`.
struct SubmissionID: ExpressibleByArgument {
    var value: Int64
    init?(argument: String) {
        guard let number = Int64(argument.hasPrefix("#") ? String(argument.dropFirst()) : argument), number > 0 else { return nil }
        value = number
    }
}
