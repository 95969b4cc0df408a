import Dispatch
import Foundation
import HeartbeatCore

/// Imports a Slack export (zip or folder) into a store: users, conversations and every day file.
///
/// Streaming: day files are read a batch at a time, parsed on all cores, written by the single
/// writer, then dropped, so memory depends on the batch, not the export. Idempotent: a day file whose
/// fingerprint matches the last import is skipped; a changed one replaces what it gave before.
/// All-or-nothing: everything happens in one store transaction unless `skipBadFiles` is set.
public struct SlackImporter: Sendable {
    public var path: String
    public var options: ImportOptions

    public init(path: String, options: ImportOptions = ImportOptions()) {
        self.path = path
        self.options = options
    }

    public func run(
        into store: any CommunityStore, progress: (@Sendable (ImportProgress) -> Void)? = nil
    ) async throws -> ImportSummary {
        let started = DispatchTime.now()
        // A folder's users.json is read while the folder is listed, unless one workspace's last
        // import read this very file (then the import will not read it at all).
        var isFolder: ObjCBool = false
        let preread =
            FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
            ? try await SlackUsersPreread.start(folder: path) { size, modified in
                try await store.workspaces(recording: "users.json", platform: .slack, size: size, modified: modified)
                    .count == 1
            } : nil
        let archive = try openExportArchive(at: path)
        let layout = try SlackExportLayout(archive: archive)
        // The workspace whose last import read this very `users.json` (same size and
        // modification time), if one did: its accounts are in the store already.
        let knownUsers = try await SlackUnchangedExport.workspaceKnowingUsers(
            layout: layout, options: options, path: path, store: store)
        if let knownUsers,
            var summary = try await SlackUnchangedExport.summary(layout: layout, workspace: knownUsers, store: store)
        {
            summary.secondsElapsed = ImportClock.seconds(since: started)
            return summary
        }
        // `users.json` is read only now, by the job, and only when it changed: an untouched
        // export is recognised from its listing in a few milliseconds, and an export with new
        // days but the same member list takes the bots from the store (23 MB for 50,000 members:
        // 0.09 s of a one-more-day import).
        let job = try SlackImportJob(
            path: path, options: options, archive: archive, layout: layout, knownWorkspace: knownUsers,
            usersPreread: preread)
        return try await job
            .run(into: store, started: started, progress: progress)
    }
}

/// The state of one import. Only ever used by one thread at a time (the store's writer), hence
/// `@unchecked Sendable`: it crosses into the store's write closure once.
final class SlackImportJob: ImportJob, @unchecked Sendable {
    let archive: any ExportArchive
    let layout: SlackExportLayout
    let options: ImportOptions
    let workspace: Workspace
    /// Every member of `users.json` as an account, built once for the parser's bots and upserted
    /// only when that file changed (`write`); `nil` when the store holds them already
    /// (`knownWorkspace`).
    let accounts: [Identity]?
    /// From `users.json`'s bots, or built from the store's in `write` when the file was not read.
    let parser: SlackDayFileParser?
    /// The conversation lists, read here when `users.json` is (beside it); otherwise in `write`,
    /// from their records when the files are as recorded (`SlackChannelList`).
    private let listsRead: [SlackChannelList]?
    private var metadataSources: [SourceFile] = []

    convenience init(path: String, options: ImportOptions) throws {
        let archive = try openExportArchive(at: path)
        try self.init(
            path: path, options: options, archive: archive, layout: try SlackExportLayout(archive: archive),
            knownWorkspace: nil)
    }

    /// `knownWorkspace`: the workspace whose last import read this same `users.json`; the file is
    /// then not read again.
    init(
        path: String, options: ImportOptions, archive: any ExportArchive, layout: SlackExportLayout,
        knownWorkspace: Workspace?, usersPreread: SlackUsersPreread? = nil
    ) throws {
        self.options = options
        self.archive = archive
        self.layout = layout

        // users.json (read, parsed and made accounts) and the channel lists are independent: on
        // two cores when the archive allows concurrent reads (a folder; the zip reader does not).
        // One after the other they were 0.2 s of one core before the transaction began, in a
        // first import of the 1M bench (perf samples per thread in 50 ms bins).
        let readUsers = { () -> Result<(users: [SlackUser], accounts: [Identity], source: SourceFile)?, any Error> in
            Result {
                guard knownWorkspace == nil else { return nil }
                if let read = usersPreread?.read(matching: layout.users) {
                    return (
                        read.users, read.accounts,
                        SourceFile(
                            key: "users.json", path: layout.users.path, fingerprint: read.fingerprint,
                            modified: layout.users.modified)
                    )
                }
                let usersData = try archive.read(layout.users)
                let users = try SlackUserReader.read(usersData, path: layout.users.path)
                let source = SourceFile(
                    key: "users.json", path: layout.users.path,
                    fingerprint: archive.fingerprint(of: layout.users, data: usersData), modified: layout.users.modified)
                return (users, users.map(Self.identity(from:)), source)
            }
        }
        let readLists = { () -> Result<[SlackChannelList]?, any Error> in
            Result {
                guard knownWorkspace == nil else { return nil }
                return try SlackChannelList.entries(of: layout).map { entry, kind in
                    try SlackChannelList.read(entry, kind: kind, layout: layout, archive: archive)
                }
            }
        }
        let (usersRead, listsRead) = archive.supportsConcurrentReads
            ? ParallelPair.run(readUsers, readLists) : (readUsers(), readLists())
        let usersJSON = try usersRead.get()
        let users = usersJSON?.users
        if let source = usersJSON?.source { metadataSources.append(source) }
        self.listsRead = try listsRead.get()

        let accounts = usersJSON?.accounts
        self.accounts = accounts
        if let users, let accounts {
            parser = Self.parser(
                bots: accounts.filter { $0.isBot || $0.botID != nil }.map {
                    StoredBotAccount(externalID: $0.externalID, isBot: $0.isBot, botID: $0.botID)
                })
            var teams: [String: Int] = [:]
            for user in users { if let team = user.teamID { teams[team, default: 0] += 1 } }
            let team = teams.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
            let name = options.workspaceName ?? Self.workspaceName(fromExportPath: path)
            workspace = Workspace(platform: .slack, externalID: team ?? name, name: name)
        } else {
            parser = nil
            workspace = knownWorkspace!
        }
    }

    /// Batches parsed ahead of the one being written. With one, the parsers finished the next
    /// batch and then waited for the writer, which ran alone on one core while the other idled
    /// (a first import of the 1M bench used 80 % of two cores, from `perf` samples per thread
    /// and 100 ms); with several they keep a core busy until the writer, the import's one
    /// serial thread, has them all. A batch is at most `ImportOptions.batchBytes` of JSON (1 MiB),
    /// so the parsed batches waiting take a few MiB each.
    static let parseAhead = 8
    /// Batches parsed ahead while the writer stores the accounts and conversations, before the
    /// first day file: with one dispatched first, the parsers finished it in milliseconds and
    /// idled for the 0.25 s the writer took over 50,000 accounts (perf samples per thread in
    /// 50 ms bins: one core busy from 0.3 to 0.6 s of a 1M first import). 16 rather than 32 since
    /// the writer starts sooner (`SlackUsersPreread`): the same time (8 alternating runs, median
    /// 2.33 s both), and a peak memory 12 MiB lower that no longer grows with the export (32: 1M
    /// 182-186 MiB, 3M 186-196; 16: 170-172 and 172-176).
    static let parseAheadAtStart = 16

    /// The spaces the lists name, which space each folder holds (folder name → external id), and
    /// a warning for each folder no list names (imported as a public channel of that name).
    static func conversations(
        of lists: [SlackChannelList], layout: SlackExportLayout
    ) -> (spaces: [Space], spaceByFolder: [String: String], diagnostics: [Diagnostic]) {
        var spaces: [Space] = []
        var spaceByFolder: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for list in lists {
            for channel in list.channels {
                let folder = list.kind == .directMessage ? channel.id : (channel.name ?? channel.id)
                spaceByFolder[folder] = channel.id
                spaces.append(
                    Space(
                        externalID: channel.id, name: channel.name ?? channel.id, kind: list.kind,
                        isArchived: channel.isArchived ?? false, createdAt: channel.created.map { Timestamp(seconds: $0) },
                        topic: channel.topic?.value, purpose: channel.purpose?.value))
            }
        }
        for folder in layout.folders where spaceByFolder[folder] == nil {
            spaceByFolder[folder] = folder
            spaces.append(Space(externalID: folder, name: folder, kind: .publicChannel))
            diagnostics.append(
                Diagnostic(
                    file: layout.prefix + folder + "/",
                    message: "folder not listed in any channel list; imported as a public channel named '\(folder)'"))
        }
        return (spaces, spaceByFolder, diagnostics)
    }

    /// The parser for a workspace with these bot accounts: posts by a bot count as bot messages,
    /// and a message naming only an integration (`bot_id`) is its bot account's. The same whether
    /// the accounts come from `users.json` or from the store.
    static func parser(bots: [StoredBotAccount]) -> SlackDayFileParser {
        var botIDs: Set<String> = [SlackUser.slackbotID]
        var userByBot: [String: String] = [:]
        for bot in bots {
            if bot.isBot { botIDs.insert(bot.externalID) }
            if let botID = bot.botID { userByBot[botID] = bot.externalID }
        }
        return SlackDayFileParser(botUserIDs: botIDs, userIDByBotID: userByBot)
    }

    static func identity(from user: SlackUser) -> Identity {
        let handle = user.name ?? user.id
        let display = [user.profile?.displayName, user.profile?.realName, user.realName, user.name]
            .compactMap { $0 }.first { !$0.isEmpty } ?? user.id
        return Identity(
            externalID: user.id, handle: handle, displayName: display,
            realName: user.profile?.realName ?? user.realName, email: user.profile?.email?.nilIfEmpty,
            title: user.profile?.title?.nilIfEmpty, timeZone: user.tz,
            isBot: user.isBot == true || user.id == SlackUser.slackbotID, isDeleted: user.deleted == true,
            isAdmin: user.isAdmin == true || user.isOwner == true, githubLogin: user.profile?.githubLogin,
            botID: user.profile?.botID)
    }

    /// `My Community Slack export Jan 1 2024 - Nov 1 2026.zip` → `My Community`.
    static func workspaceName(fromExportPath path: String) -> String {
        var name = URL(fileURLWithPath: path).lastPathComponent
        if name.lowercased().hasSuffix(".zip") { name = String(name.dropLast(4)) }
        if let range = name.range(of: " Slack export", options: .caseInsensitive) {
            name = String(name[..<range.lowerBound])
        }
        return name.isEmpty ? "Slack workspace" : name
    }

    func write(
        into transaction: any IngestTransaction, started: DispatchTime,
        progress: (@Sendable (ImportProgress) -> Void)?
    ) throws -> ImportSummary {
        var summary = ImportSummary(workspace: workspace)
        // The last complete import's listing, file by file, while the channel lists are as they
        // were then (so each folder is still the same conversation): a day file listed there with
        // the same size and modification time was read or matched by that import, and needs no
        // look at its record. Only the other files' records are read, one by one; without such a
        // listing, all of them at once. One more day on the 1M bench: 33,191 records read and
        // looked up by key took 0.05 s of 0.2.
        let listing = layout.listing
        let previous = try listing.flatMap { listing in
            try transaction.recordedContents(ofSource: SlackExportListing.key)
                .flatMap(SlackExportListing.Previous.init)
                .flatMap { $0.hasSameChannelLists(as: listing) ? $0 : nil }
        }
        let recorded = previous == nil ? try transaction.recordedSources() : [:]
        func record(_ key: String) throws -> RecordedSource? {
            previous == nil ? recorded[key] : try transaction.recordedSource(key)
        }
        // The conversation lists: as read with users.json, or from their records while the files
        // are as recorded, or read now (and recorded with their conversations, also when the file
        // is as recorded but its record kept none: stores from before they were kept).
        var lists = listsRead ?? []
        var metadataSources = self.metadataSources
        if listsRead == nil {
            for (entry, kind) in SlackChannelList.entries(of: layout) {
                let key = SlackChannelList.key(of: entry, in: layout)
                let known = try record(key)
                if let recalled = try SlackChannelList.recalled(
                    entry, kind: kind, recorded: known, contents: { try transaction.recordedContents(ofSource: key) })
                {
                    lists.append(recalled)
                    continue
                }
                let list = try SlackChannelList.read(entry, kind: kind, layout: layout, archive: archive)
                lists.append(list)
                if let source = list.source {
                    if let known, let modified = entry.modified, known.matches(size: entry.size, modified: modified) {
                        try transaction.recordSource(source)
                    } else {
                        metadataSources.append(source)
                    }
                }
            }
        } else {
            metadataSources += lists.compactMap(\.source)
        }
        let (spaces, spaceByFolder, diagnostics) = Self.conversations(of: lists, layout: layout)
        summary.diagnostics = diagnostics
        // Users and conversation lists are upserted only when one of their files changed.
        // Written once the first batch of day files is being parsed on the other cores (50,000
        // accounts take the writer 0.18 s; the parse no longer waits for them).
        var metadataChanged = false
        for source in metadataSources {
            let known = try record(source.key)
            if known?.fingerprint != source.fingerprint {
                metadataChanged = true
            } else if let known, let modified = source.modified, !known.matches(size: source.fingerprint.size, modified: modified) {
                // Read again only because its record could not be trusted (touched, or recorded
                // within two seconds of its modification): the same content, remembered with its
                // time now, so the next import need not read it (users.json: 0.09 s).
                try transaction.recordUnchanged(source.key, modified: modified)
            }
        }
        var metadataPending = metadataChanged || !diagnostics.isEmpty
        func writeMetadata() throws {
            guard metadataPending else { return }
            metadataPending = false
            if let accounts { try transaction.upsertIdentities(accounts) }
            try transaction.upsertSpaces(spaces)
            for source in metadataSources { try transaction.recordSource(source) }
        }
        let stored = accounts == nil ? try transaction.storedMemberList() : nil
        summary.identities = accounts?.count ?? stored?.accountCount ?? 0
        let parser = self.parser ?? Self.parser(bots: stored?.bots ?? [])
        summary.spaces = spaces.count

        for entry in layout.badlyNamed {
            let error = ImportError.badFileName(
                entry.path, detail: "a conversation file must be named YYYY-MM-DD.json with a real date")
            guard options.skipBadFiles else { throw error }
            summary.skipped.append(error)
        }

        let dayFiles = layout.dayFiles
        summary.dayFiles = dayFiles.count
        var unknownSubtypes: [String: (count: Int, file: String)] = [:]
        var done = 0
        // Pipeline: while the writer stores batch N, batches N+1 … N+`parseAhead` are read,
        // checksummed and parsed on the other cores, oldest first.
        var inFlight: [ParsedBatch] = []
        func write(_ batch: ParsedBatch) throws {
            batch.finished.wait()
            for (item, result) in zip(batch.items, batch.results) {
                switch result {
                case .success(.unchanged(let modified)):
                    summary.dayFilesUnchanged += 1
                    if let modified { try transaction.recordUnchanged(item.key, modified: modified) }
                case .success(.parsed(let parsed, let source, let bytes)):
                    summary.bytesRead += Int64(bytes)
                    summary.activitiesWritten += try transaction.replaceSource(
                        source, spaceExternalID: spaceByFolder[item.day.folder] ?? item.day.folder,
                        activities: parsed.activities)
                    summary.dayFilesImported += 1
                    for (subtype, count) in parsed.unknownSubtypes {
                        unknownSubtypes[subtype, default: (0, item.day.entry.path)].count += count
                    }
                case .failure(let error):
                    guard options.skipBadFiles, let importError = error as? ImportError else { throw error }
                    summary.skipped.append(importError)
                }
            }
            done += batch.fileCount
            progress?(
                ImportProgress(
                    filesDone: done, filesTotal: dayFiles.count, activities: summary.activitiesWritten,
                    bytesRead: summary.bytesRead, secondsElapsed: ImportClock.seconds(since: started)))
        }
        // Batches are made of files to read, not of positions in the listing: the files that
        // need reading are gathered (up to `batchSize` files or `batchBytes`) past any number of
        // unchanged ones. A re-import with one new day per channel parses its 60 files as one
        // batch on all cores, where batches of 64 listed files handed them over one at a time
        // (a thread woken and waited for per file: 0.018 s of a one-more-day import).
        var pending: [ParsedBatch.Item] = []
        var pendingBytes: Int64 = 0
        var listed = 0
        func dispatch() throws {
            let parsed = ParsedBatch(items: pending, fileCount: listed, archive: archive, parser: parser)
            pending = []
            pendingBytes = 0
            listed = 0
            inFlight.append(parsed)
            // Accounts and conversations (50,000 accounts: 0.25 s of the writer) are written once
            // `parseAheadAtStart` batches are parsing, so the parsers have that much to do
            // meanwhile; then the lookahead comes down to `parseAhead`, two batches written per
            // batch dispatched, so the parsers are never left without work while it does.
            if metadataPending && inFlight.count < Self.parseAheadAtStart { return }
            try writeMetadata()
            for _ in 0..<2 where inFlight.count > Self.parseAhead { try writeOldest() }
        }
        func writeOldest() throws {
            let oldest = inFlight.removeFirst()
            try write(oldest)
            oldest.releaseInBackground()
        }
        // By index: a `DayFile` copied per file (its path and folder retained and released) was a
        // tenth of a one-more-day import's loop.
        // The previous listing is looked up from `nextPrevious`, the place after the last day file
        // found there (`Previous.contains(_:next:)`).
        var nextPrevious = 0
        for index in dayFiles.indices {
            listed += 1
            if let previous, let listing, previous.contains(listing.dayFiles[index], next: &nextPrevious) {
                summary.dayFilesUnchanged += 1
                continue
            }
            let key = (spaceByFolder[dayFiles[index].folder] ?? dayFiles[index].folder) + "/"
                + dayFiles[index].date.description
            let known = try record(key)
            // A zip's recorded CRC, or a file's size and modification time: unchanged unread.
            if dayFiles[index].entry.isUnchanged(comparedWith: known) {
                summary.dayFilesUnchanged += 1
                continue
            }
            let day = dayFiles[index]
            var data: Data?
            if !archive.supportsConcurrentReads {
                // The zip reader is not thread-safe: read here, parse on the workers.
                do {
                    data = try archive.read(day.entry)
                } catch let error as ImportError where options.skipBadFiles {
                    summary.skipped.append(error)
                    continue
                }
            }
            pending.append(ParsedBatch.Item(day: day, key: key, recorded: known?.fingerprint, data: data))
            pendingBytes += day.entry.size
            if pending.count >= options.batchSize || pendingBytes >= options.batchBytes { try dispatch() }
        }
        if listed > 0 { try dispatch() }
        try writeMetadata()
        while !inFlight.isEmpty { try writeOldest() }
        // Every file read or matched: the next import of this folder, untouched, can stop at the
        // listing (`SlackUnchangedExport`). Otherwise (a zip, skipped files, files just written)
        // whatever listing an earlier import left is overwritten with one nothing matches: the
        // store's files may no longer be that folder's.
        if summary.skipped.isEmpty, let listing, listing.isSettled(at: Timestamp(Date())) {
            try transaction.recordSource(listing.source(at: archive.location))
        } else {
            try transaction.recordSource(SlackExportListing.untrusted(at: archive.location))
        }
        for (subtype, seen) in unknownSubtypes.sorted(by: { $0.key < $1.key }) {
            summary.diagnostics.append(
                Diagnostic(
                    file: seen.file,
                    message: "unknown message subtype '\(subtype)' (\(seen.count)×, first here): kept as 'other', not counted as posts"))
        }
        return summary
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// A batch of day files being read, checksummed and parsed in the background (on all cores) while
/// the writer stores the previous one. `results` is written once, before `finished` is signalled,
/// and read only after `wait()`, hence `@unchecked Sendable`.
final class ParsedBatch: @unchecked Sendable {
    struct Item {
        var day: SlackExportLayout.DayFile
        var key: String
        /// The fingerprint recorded at the last import, if any.
        var recorded: FileFingerprint?
        /// Already read (from a zip); `nil` when the worker reads the file itself.
        var data: Data?
    }

    enum Outcome {
        /// The content equals what was recorded (the file was only touched or unzipped again).
        case unchanged(modified: Int64?)
        case parsed(SlackDayFileParser.Result, SourceFile, bytes: Int)
    }

    let items: [Item]
    /// Day files of the batch, including unchanged and skipped ones (for progress).
    let fileCount: Int
    /// Read from the workers only when it `supportsConcurrentReads`.
    private let archive: any ExportArchive
    private(set) var results: [Result<Outcome, any Error>] = []
    let finished = DispatchGroup()

    /// Frees the batch's parsed results (thousands of activities) on a worker thread and not on
    /// the writer, the import's one serial thread (freeing them was 4 % of a first import's
    /// samples, all on the writer). The results move into a box that only the worker empties:
    /// handing over the batch itself left the last reference to whichever thread dropped it last,
    /// and with the parsers idle (the lookahead full) that was often the writer again (4.6 % of its
    /// samples freeing activities). Call after the last use of `results`.
    func releaseInBackground() {
        final class Box: @unchecked Sendable {
            var results: [Result<Outcome, any Error>]
            init(_ results: [Result<Outcome, any Error>]) { self.results = results }
        }
        let box = Box(results)
        results = []
        DispatchQueue.global().async { box.results = [] }
    }

    init(items: [Item], fileCount: Int, archive: any ExportArchive, parser: SlackDayFileParser) {
        self.items = items
        self.fileCount = fileCount
        self.archive = archive
        // Nothing to read (every file of the batch unchanged): done already.
        guard !items.isEmpty else { return }
        finished.enter()
        DispatchQueue.global().async {
            self.results = ParallelMap.map(items) { item in
                Result {
                    let entry = item.day.entry
                    let data = try item.data ?? self.archive.read(entry)
                    let fingerprint = self.archive.fingerprint(of: entry, data: data)
                    if fingerprint == item.recorded { return .unchanged(modified: entry.modified) }
                    let parsed = try parser.parse(data, path: entry.path)
                    return .parsed(
                        parsed, SourceFile(key: item.key, path: entry.path, fingerprint: fingerprint, modified: entry.modified),
                        bytes: data.count)
                }
            }
            self.finished.leave()
        }
    }
}
