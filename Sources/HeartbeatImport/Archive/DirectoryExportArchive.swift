import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import HeartbeatCore

/// An unzipped export: a folder holding `users.json`, `channels.json` and one folder per channel.
final class DirectoryExportArchive: ExportArchive {
    let location: String
    let entries: [ExportEntry]
    private let root: URL

    init(path: String) throws {
        location = path
        root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        // The top folder here, each folder below it on any core: `stat` of every file is most of
        // what an unchanged re-import costs (1M bench: 33,191 files in 60 folders).
        // Entries come out in path order (UTF-8 byte order), each folder's names sorted on the
        // worker that listed it, before their `stat`s: one sort of all 33,191 paths cost as much
        // as listing them. The top level's files and folders are then put in order by name, a
        // folder's as `name/`, which is where its paths fall among the top-level names.
        var top: [ExportEntry] = []
        var folders: [(directory: String, relative: String)] = []
        try Self.walk(directory: root.path, relative: "", into: &top, folders: &folders)
        var parts: [(key: String, entries: [ExportEntry])] = top.map { ($0.path, [$0]) }
        for (folder, listed) in zip(folders, ParallelMap.map(folders, { folder in
            Result { () throws -> [ExportEntry] in
                var files: [ExportEntry] = []
                try Self.walk(directory: folder.directory, relative: folder.relative, into: &files)
                return files
            }
        })) {
            parts.append((folder.relative + "/", try listed.get()))
        }
        parts.sort { Self.precedes($0.key, $1.key) }
        var all: [ExportEntry] = []
        all.reserveCapacity(parts.reduce(0) { $0 + $1.entries.count })
        for part in parts { all.append(contentsOf: part.entries) }
        entries = all
    }

    /// Byte order of UTF-8, which is the order of Unicode scalars: what the listing is sorted by
    /// (`String`'s `<` compares canonical equivalents, which costs more and gives the same order
    /// for every name an export has).
    static func precedes(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    /// Lists every regular file below `directory` into `list`.
    private static func walk(directory: String, relative: String, into list: inout [ExportEntry]) throws {
        var folders: [(directory: String, relative: String)] = []
        let start = list.count
        try walk(directory: directory, relative: relative, into: &list, folders: &folders)
        guard !folders.isEmpty else { return }
        for folder in folders { try walk(directory: folder.directory, relative: folder.relative, into: &list) }
        // A folder's subfolders' files among its own, in path order.
        list[start...].sort { precedes($0.path, $1.path) }
    }

    /// Lists regular files below `directory` with `readdir`/`stat`: Foundation's URL-based
    /// enumerator spent more time than the whole re-ingest of an unchanged export.
    private static func walk(
        directory: String, relative: String, into list: inout [ExportEntry],
        folders: inout [(directory: String, relative: String)]
    ) throws {
        guard let handle = opendir(directory) else {
            throw ImportError.unreadableEntry(relative.isEmpty ? directory : relative, reason: "cannot list this folder")
        }
        defer { closedir(handle) }
        // Each name with its first 16 bytes as two big-endian words, the sort key: a day file's
        // name (`2024-01-31.json`, 15 bytes) is ordered by two integer comparisons.
        var children: [(high: UInt64, low: UInt64, name: String)] = []
        while let entry = readdir(handle) {
            let (name, high, low) = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = raw.prefix(while: { $0 != 0 })
                var words: (UInt64, UInt64) = (0, 0)
                withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(16))) }
                return (String(decoding: bytes, as: UTF8.self), UInt64(bigEndian: words.0), UInt64(bigEndian: words.1))
            }
            if name.utf8.first == UInt8(ascii: ".") { continue }  // ., .., hidden files such as .DS_Store
            children.append((high, low, name))
        }
        children.sort { left, right in
            if left.high != right.high { return left.high < right.high }
            if left.low != right.low { return left.low < right.low }
            return precedes(left.name, right.name)
        }
        list.reserveCapacity(list.count + children.count)
        let folder = dirfd(handle)
        let prefix = Array(relative.utf8)
        for (_, _, name) in children {
            let path = relative.isEmpty ? name : Self.joined(prefix, name)
            var info = stat()
            // Relative to the open folder: the kernel resolves one name, not the whole path.
            guard fstatat(folder, name, &info, 0) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                folders.append((directory + "/" + name, path))
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                list.append(ExportEntry(path: path, size: Int64(info.st_size), knownFingerprint: nil, modified: modified))
            }
        }
    }

    /// `folder/name` built in one allocation: `relative + "/" + name` made an intermediate
    /// string per file.
    private static func joined(_ folder: [UInt8], _ name: String) -> String {
        var name = name
        return name.withUTF8 { nameBytes in
            String(unsafeUninitializedCapacity: folder.count + 1 + nameBytes.count) { buffer in
                _ = buffer.initialize(from: folder)
                buffer[folder.count] = UInt8(ascii: "/")
                _ = UnsafeMutableBufferPointer(rebasing: buffer[(folder.count + 1)...]).initialize(from: nameBytes)
                return folder.count + 1 + nameBytes.count
            }
        }
    }

    /// Files are opened by path, so several threads can read at once.
    var supportsConcurrentReads: Bool { true }

    /// Reads with `open`/`read` into a buffer of the size the listing saw: `Data(contentsOf:)`
    /// with a URL built per file asked the file system twice more what each file was (three
    /// `stat`s per file on a first import, 100,000 for the 1M bench). A file that grew since the
    /// listing is read to its end all the same.
    func read(_ entry: ExportEntry) throws -> Data {
        let descriptor = open(root.path + "/" + entry.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure(entry, errno) }
        defer { close(descriptor) }
        do {
            return try Self.readAll(descriptor, expectedSize: entry.size)
        } catch let error as ReadFailure {
            throw Self.failure(entry, error.code)
        }
    }

    /// `read(2)`'s `errno`, for the caller to name the file.
    struct ReadFailure: Error {
        let code: Int32
    }

    /// The whole content of an open file, read into a buffer of `expectedSize` (plus one byte, so
    /// the common case ends with a single short read); a file that grew is read to its end.
    static func readAll(_ descriptor: Int32, expectedSize: Int64) throws -> Data {
        var data = Data(count: Int(max(expectedSize, 0)) + 1)
        var filled = 0
        while true {
            if filled == data.count { data.count *= 2 }
            let count = data.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadFailure(code: errno)
            }
            if count == 0 { break }
            filled += count
        }
        data.count = filled
        return data
    }

    private static func failure(_ entry: ExportEntry, _ code: Int32) -> ImportError {
        .unreadableEntry(entry.path, reason: String(cString: strerror(code)))
    }
}

/// The C `read`, named apart from `DirectoryExportArchive.read(_:)`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
