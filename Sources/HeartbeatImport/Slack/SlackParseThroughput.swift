import Dispatch
import Foundation
import HeartbeatCore

/// How fast the Slack importer's parser turns day files into activities, apart from reading
/// them and storing the result: what `heartbeat bench parse` prints. It runs the very parser an
/// import runs (`SlackDayFileParser`), on day files read into memory beforehand, so neither the
/// disk nor the store is in the figure.
public struct SlackParseThroughput: Sendable {
    public var files: Int
    public var bytes: Int64
    public var activities: Int
    public var threads: Int
    /// Wall-clock seconds of the parse alone.
    public var seconds: Double

    /// Megabytes (10⁶ bytes) per second, all threads together.
    public var megabytesPerSecond: Double { Double(bytes) / 1e6 / seconds }
    /// The same per thread: with one thread per core, the throughput of one core.
    public var megabytesPerSecondPerThread: Double { megabytesPerSecond / Double(threads) }

    /// Reads every day file of the export at `path`, then parses all of them `rounds` times on
    /// `threads` threads and keeps the fastest round (the others absorb warm-up and noise).
    public static func measure(path: String, threads: Int, rounds: Int = 3) throws -> SlackParseThroughput {
        let job = try SlackImportJob(path: path, options: ImportOptions())
        let days = job.layout.dayFiles
        let contents = try days.map { try job.archive.read($0.entry) }
        let bytes = contents.reduce(Int64(0)) { $0 + Int64($1.count) }
        // Read from `users.json` (this job knows no store).
        let parser = job.parser!
        let workers = max(1, threads)
        var best = Double.infinity
        var activities = 0
        for _ in 0..<max(1, rounds) {
            let counts = UnsafeCounts(count: workers)
            let started = DispatchTime.now()
            // Each worker takes every `workers`-th file, like the import's batches spread files.
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var total = 0
                for index in stride(from: worker, to: days.count, by: workers) {
                    if let result = try? parser.parse(contents[index], path: days[index].entry.path) {
                        total += result.activities.count
                    }
                }
                counts.set(worker, total)
            }
            best = min(best, ImportClock.seconds(since: started))
            activities = counts.sum
        }
        return SlackParseThroughput(
            files: days.count, bytes: bytes, activities: activities, threads: workers, seconds: best)
    }
}

/// One slot per worker, each written by its own worker only (a raw buffer: an array property
/// would be one exclusive access for all workers).
private final class UnsafeCounts: @unchecked Sendable {
    private let values: UnsafeMutableBufferPointer<Int>
    init(count: Int) { values = .allocate(capacity: count); values.initialize(repeating: 0) }
    deinit { values.deallocate() }
    func set(_ index: Int, _ value: Int) { values[index] = value }
    var sum: Int { values.reduce(0, +) }
}
