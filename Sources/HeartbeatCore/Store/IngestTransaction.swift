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
    /// Records a non-activity file (users.json) as imported.
    func recordSource(_ file: SourceFile) throws
}
