import Dispatch
import Foundation
import HeartbeatCore

/// One GitHub import, run on the store's writer: read every changed file, date the replies whose
/// thread started in another file (or an earlier import), then write. Reading everything before
/// writing is what lets a comments file come before the issues file it refers to; memory stays
/// small because only the kept repositories' activities are held.
final class GitHubImportJob: ImportJob, @unchecked Sendable {
    var workspace: Workspace { GitHubImporter.workspace }

    let paths: [String]
    let repositories: Set<String>
    let options: ImportOptions

    init(paths: [String], repositories: Set<String>, options: ImportOptions) {
        self.paths = paths
        self.repositories = repositories
        self.options = options
    }

    /// `github/<file name>`: stable whatever folder the file is in.
    static func sourceKey(forPath path: String) -> String {
        "github/" + URL(fileURLWithPath: path).lastPathComponent
    }

    func write(
        into transaction: any IngestTransaction, started: DispatchTime, progress: (@Sendable (ImportProgress) -> Void)?
    ) throws -> ImportSummary {
        var summary = ImportSummary(workspace: GitHubImporter.workspace)
        summary.dayFiles = paths.count
        var files: [(source: SourceFile, content: GitHubFileContent)] = []
        var identities = GitHubIdentityBook()
        var roots: [String: GitHubRoot] = [:]
        var repositories: [String: String] = [:]
        var unknownTypes: [String: (count: Int, file: String, line: Int)] = [:]
        var done = 0
        func report() {
            progress?(
                ImportProgress(
                    filesDone: done, filesTotal: paths.count, activities: summary.activitiesWritten,
                    bytesRead: summary.bytesRead, secondsElapsed: ImportClock.seconds(since: started)))
        }

        for path in paths {
            let key = Self.sourceKey(forPath: path)
            let content: GitHubFileContent
            let source: SourceFile
            do {
                let fingerprint = try FileFingerprint.ofFile(atPath: path)
                if try transaction.fingerprint(ofSource: key) == fingerprint {
                    summary.dayFilesUnchanged += 1
                    done += 1
                    continue
                }
                source = SourceFile(key: key, path: path, fingerprint: fingerprint)
                content = try GitHubFileReader(path: path, repositories: self.repositories).read()
            } catch let error as ImportError where options.skipBadFiles && !error.isSettingsError {
                summary.skipped.append(error)
                done += 1
                continue
            }
            summary.bytesRead += content.bytesRead
            identities.merge(content.identities)
            roots.merge(content.roots) { first, _ in first }
            repositories.merge(content.repositories) { first, _ in first }
            for (type, seen) in content.unknownTypes {
                unknownTypes[type, default: (0, path, seen.line)].count += seen.count
            }
            files.append((source, content))
            done += 1
            if done < paths.count { report() }
        }

        let identityList = identities.identities
        if !identityList.isEmpty { try transaction.upsertIdentities(identityList) }
        let spaces = repositories.sorted { $0.key < $1.key }.map {
            Space(externalID: $0.key, name: $0.value, kind: .publicChannel)
        }
        if !spaces.isEmpty { try transaction.upsertSpaces(spaces) }
        summary.identities = identityList.count
        summary.spaces = spaces.count

        for (source, content) in files {
            var bySpace: [String: [Activity]] = [:]
            var order: [String] = []
            var seen = Set<String>()
            for entry in content.entries {
                // The same thing twice in one file (a pull request opened, then merged) is stored once.
                guard seen.insert(entry.space + "\u{0}" + entry.activity.externalID).inserted else { continue }
                var activity = entry.activity
                if let number = entry.rootNumber, activity.threadRoot == nil,
                    let root = try root(number: number, space: entry.space, roots: roots, transaction: transaction)
                {
                    activity.threadRoot = root.time
                    activity.parentAuthorID = root.authorID
                }
                if bySpace[entry.space] == nil { order.append(entry.space) }
                bySpace[entry.space, default: []].append(activity)
            }
            summary.activitiesWritten += try transaction.replaceSource(
                source, activitiesBySpace: order.map { ($0, bySpace[$0]!) })
            summary.dayFilesImported += 1
        }
        report()

        for (type, seen) in unknownTypes.sorted(by: { $0.key < $1.key }) {
            summary.diagnostics.append(
                Diagnostic(
                    file: seen.file, position: "line \(seen.line)",
                    message: "unknown GitHub event type '\(type)' (\(seen.count)×, first here): kept as 'other', not counted as posts"))
        }
        return summary
    }

    /// Where the thread of issue or pull request `number` started: from a file of this run, else
    /// from an earlier import (as `issue/<n>` or `pr/<n>`); `nil` when neither knows it.
    private func root(
        number: Int, space: String, roots: [String: GitHubRoot], transaction: any IngestTransaction
    ) throws -> GitHubRoot? {
        if let root = roots[GitHubRoot.key(repository: space, number: number)] { return root }
        for prefix in ["issue/", "pr/"] {
            if let stored = try transaction.storedActivity(space: space, externalID: prefix + String(number)) {
                return GitHubRoot(time: stored.time, authorID: stored.authorID)
            }
        }
        return nil
    }
}
