/// How far an import is, reported after each batch of files so a front end can draw progress.
public struct ImportProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    /// Activities parsed and stored so far (unchanged files add nothing).
    public var activities: Int
    public var bytesRead: Int64
    public var secondsElapsed: Double

    public init(filesDone: Int, filesTotal: Int, activities: Int, bytesRead: Int64, secondsElapsed: Double) {
        self.filesDone = filesDone
        self.filesTotal = filesTotal
        self.activities = activities
        self.bytesRead = bytesRead
        self.secondsElapsed = secondsElapsed
    }
}
