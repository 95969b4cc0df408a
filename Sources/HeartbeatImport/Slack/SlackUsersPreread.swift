import Dispatch
import Foundation
import HeartbeatCore

#if canImport(Glibc)
    import CoreFoundation
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `users.json` at the top of an export folder, read, checksummed and parsed into accounts on a
/// worker thread while the folder's files are being listed. The day files cannot be parsed before
/// it (its bots decide which posts are bot messages), nor the import's transaction begin (its team
/// names the workspace); read after the listing, it kept one core busy alone for 0.13 s of a
/// 1M-message first import (perf samples per thread). Used only when it is the file the listing
/// found, unchanged in between (same path, size and modification time); otherwise the import reads
/// `users.json` itself, as before, and reports any error then.
final class SlackUsersPreread: @unchecked Sendable {
    struct Read {
        var users: [SlackUser]
        var accounts: [Identity]
        var fingerprint: FileFingerprint
        var size: Int64
        /// Nanoseconds since 1970, as the folder listing gives them.
        var modified: Int64
    }

    private let done = DispatchGroup()
    /// Written once on the worker before `done` is left; read only after `done.wait()`.
    private var result: Read?

    /// Starts reading `folder`/users.json in the background; `nil` when there is no such file, or
    /// when `skipIf`, asked with its size and modification time, says the import will not read it
    /// (the store knows this very file already: an import with new days only should not pay for it).
    static func start(folder: String, skipIf: (_ size: Int64, _ modified: Int64) async throws -> Bool) async rethrows
        -> SlackUsersPreread?
    {
        var info = stat()
        guard stat(folder + "/users.json", &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        guard try await !skipIf(Int64(info.st_size), nanoseconds(info.st_mtim)) else { return nil }
        return SlackUsersPreread(path: folder + "/users.json")
    }

    private init(path: String) {
        done.enter()
        DispatchQueue.global().async {
            self.result = Self.read(path)
            self.done.leave()
        }
    }

    /// What was read, when `entry` is the top-level `users.json` as the listing saw it; waits for
    /// the worker. `nil` for any other file, a file changed since, or a read that failed.
    func read(matching entry: ExportEntry) -> Read? {
        guard entry.path == "users.json", entry.knownFingerprint == nil else { return nil }
        done.wait()
        guard let result, result.size == entry.size, result.modified == entry.modified else { return nil }
        return result
    }

    private static func read(_ path: String) -> Read? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var before = stat()
        guard fstat(descriptor, &before) == 0,
            let data = try? DirectoryExportArchive.readAll(descriptor, expectedSize: Int64(before.st_size))
        else { return nil }
        // The bytes are the file of that size and time only if nothing changed it meanwhile.
        var after = stat()
        guard fstat(descriptor, &after) == 0, after.st_size == before.st_size,
            nanoseconds(after.st_mtim) == nanoseconds(before.st_mtim),
            let users = try? SlackUserReader.read(data, path: "users.json")
        else { return nil }
        return Read(
            users: users, accounts: users.map(SlackImportJob.identity(from:)), fingerprint: FileFingerprint.crc32(of: data),
            size: Int64(before.st_size), modified: nanoseconds(before.st_mtim))
    }

    private static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
