extension String {
    /// `body` over the string's UTF-8 bytes: in place for a native string (a small one is copied
    /// to the stack), through a copy only for a bridged one. No `var` copy of the string in the
    /// common case, so no retain and release per call on the ingest's hot path (binds, look-ups).
    @inline(__always)
    func withUTF8Bytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}
