import Dispatch

/// Runs two independent computations at once and returns both results: a report's parts that read
/// the same snapshot but not each other (the influence graph and the focus alignment) take the
/// time of the longer one instead of the sum. Neither closure may touch shared mutable state.
public enum ParallelPair {
    public static func run<First: Sendable, Second: Sendable>(
        _ first: () -> First, _ second: () -> Second
    ) -> (First, Second) {
        var firstResult: First?
        var secondResult: Second?
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                withUnsafeMutablePointer(to: &firstResult) { firstSlot in
                    withUnsafeMutablePointer(to: &secondResult) { secondSlot in
                        let jobs = Jobs(first: first, second: second, firstSlot: firstSlot, secondSlot: secondSlot)
                        DispatchQueue.concurrentPerform(iterations: 2) { index in
                            if index == 0 {
                                jobs.firstSlot.pointee = jobs.first()
                            } else {
                                jobs.secondSlot.pointee = jobs.second()
                            }
                        }
                    }
                }
            }
        }
        return (firstResult!, secondResult!)
    }
}

/// Each iteration writes only its own slot, and `run` waits for both, so sharing is safe.
private struct Jobs<First, Second>: @unchecked Sendable {
    let first: () -> First
    let second: () -> Second
    let firstSlot: UnsafeMutablePointer<First?>
    let secondSlot: UnsafeMutablePointer<Second?>
}
