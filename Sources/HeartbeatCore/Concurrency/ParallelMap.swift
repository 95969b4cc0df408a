import Dispatch

/// Maps an array on all cores, keeping order. Used to parse a batch of files while the single
/// writer waits, and to tokenize message text in chunks; the closure must not touch shared mutable
/// state.
public enum ParallelMap {
    public static func map<Element, Output: Sendable>(
        _ items: [Element], _ transform: (Element) -> Output
    ) -> [Output] {
        guard items.count > 1 else { return items.map(transform) }
        return [Output](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            let base = buffer.baseAddress!
            withoutActuallyEscaping(transform) { transform in
                let box = UnsafeSendableBox(base: base, items: items, transform: transform)
                DispatchQueue.concurrentPerform(iterations: items.count) { index in
                    (box.base + index).initialize(to: box.transform(box.items[index]))
                }
            }
            initialized = items.count
        }
    }
}

/// Each iteration writes only its own slot, so sharing the pointer across threads is safe.
private struct UnsafeSendableBox<Element, Output>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Output>
    let items: [Element]
    let transform: (Element) -> Output
}
