import CSQLiteSetup
import Dispatch
import Foundation

/// Starts the kernel writing a file's new pages to disk while an import is still adding to it,
/// every quarter of a second, from a background queue. A first import writes its whole store
/// (225 MB for the 1M bench) before the commit's `fsync`, which then waited for all of it: 74 ms
/// of one thread at the end of the import (strace). With the pages already on their way, the
/// commit waits for the last quarter second's only. Best effort: a file that cannot be opened is
/// left to the commit as before.
final class EarlyWriteback: @unchecked Sendable {
    private let descriptor: Int32
    private let timer: any DispatchSourceTimer

    init?(path: String) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        let descriptor = descriptor
        timer.setEventHandler { _ = heartbeat_start_writeback(descriptor) }
        timer.schedule(deadline: .now() + .milliseconds(250), repeating: .milliseconds(250))
        timer.resume()
    }

    /// Stops the timer (waiting for a run in progress) and closes the file.
    func stop() {
        let done = DispatchSemaphore(value: 0)
        timer.setCancelHandler { done.signal() }
        timer.cancel()
        done.wait()
        close(descriptor)
    }
}
