import Foundation

/// The write side of a store, valid only inside `CommunityStore.ingest(workspace:_:)`: everything
/// written through it lands together or not at all. Synchronous on purpose: it runs on the store's
/// single writer, and importers call it from their streaming loop.
public protocol IngestTransaction: AnyObject {
    /// Inserts or updates accounts by `(workspace, externalID)`; never duplicates.
    func upsertIdentities(_ identities: [Identity]) throws
    /// Inserts or updates spaces by `(workspace, externalID)`.
    func upsertSpaces(_ spaces: [Space]) throws
    /// The fingerprint recorded for a source file when it was last imported, if ever.
    func fingerprint(ofSource key: String) throws -> FileFingerprint?
    /// Replaces everything previously imported from `file` with `activities` in space
    /// `spaceExternalID`, and records the file's new fingerprint. Authors unknown to the store get a
    /// placeholder identity. Returns the number of activities now stored from this file.
    @discardableResult
    func replaceSource(_ file: SourceFile, spaceExternalID: String, activities: [Activity]) throws -> Int
    /// The same for a file whose activities lie in several spaces (a GH Archive hour names many
    /// repositories): `activities` pairs each space's external id with its activities.
    @discardableResult
    func replaceSource(_ file: SourceFile, activitiesBySpace: [(space: String, activities: [Activity])]) throws -> Int
    /// An activity already stored in this workspace, by space and activity external id: its time and
    /// its author's external id. Lets an importer date a reply whose root came in an earlier import
    /// (a GitHub comment names only its issue's number).
    func storedActivity(space: String, externalID: String) throws -> (time: Timestamp, authorID: String?)?
    /// Records a non-activity file (users.json) as imported.
    func recordSource(_ file: SourceFile) throws
    /// Every source file recorded for this workspace, by key: read once at the start of an import
    /// instead of one query per file.
    func recordedSources() throws -> [String: RecordedSource]
    /// One source file's record, for an import that knows most files unchanged without reading
    /// them all (`recordedSources`).
    func recordedSource(_ key: String) throws -> RecordedSource?
    /// The `SourceFile.contents` recorded under `key`, if the store keeps them.
    func recordedContents(ofSource key: String) throws -> Data?
    /// Notes the new modification time of a file whose content turned out unchanged (an export
    /// unzipped again), so the next import recognises it without reading it.
    func recordUnchanged(_ key: String, modified: Int64) throws
    /// The spaces stored for this workspace (external id, name, kind).
    func storedSpaces() throws -> [Space]
    /// How many accounts of this workspace came from a member list (not placeholders).
    func storedAccountCount() throws -> Int
    /// What the store holds of this workspace's member list: how many accounts, and those that
    /// are bots or stand behind an integration (`Identity.botID`). What a Slack import needs when
    /// `users.json` is unchanged and not read again.
    func storedMemberList() throws -> StoredMemberList
    /// Writes whatever the store still holds back (PostgreSQL stages rows and sends them in bulk)
    /// and returns how many of the activities `replaceSource` counted turned out to be stored
    /// already (the same message in another file): importers subtract it from their count. Call
    /// once, at the end of the import.
    func finish() throws -> Int
}

extension IngestTransaction {
    /// Stores that write through at once (SQLite) found duplicates as they went: nothing to add.
    public func finish() throws -> Int { 0 }

    /// Stores that keep no contents (PostgreSQL): the importer compares every file's record.
    public func recordedContents(ofSource key: String) throws -> Data? { nil }

    @discardableResult
    public func replaceSource(_ file: SourceFile, spaceExternalID: String, activities: [Activity]) throws -> Int {
        try replaceSource(file, activitiesBySpace: [(spaceExternalID, activities)])
    }
}
