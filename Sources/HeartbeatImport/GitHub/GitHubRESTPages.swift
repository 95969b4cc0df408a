/// Joins the pages of a paginated REST response saved one after another (`[…][…]` or `[…]\n[…]`,
/// what `gh api --paginate` or several `curl …?page=N` write) into one JSON array, in place and
/// byte for byte the same length, so that a decoding error still names the file's own line and
/// column: a closing `]` followed by an opening `[` becomes `,` and a space, and empty pages become
/// spaces. Anything that is not a top-level array is left as is for the decoder to report.
enum GitHubRESTPages {
    static func joined(_ bytes: [UInt8]) -> [UInt8] {
        var pages: [(open: Int, close: Int, isEmpty: Bool)] = []
        var index = 0
        scan: while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09:
                index += 1
            case UInt8(ascii: "["):
                guard let (close, isEmpty) = endOfArray(bytes, from: index) else { break scan }
                pages.append((index, close, isEmpty))
                index = close + 1
            default:
                break scan
            }
        }
        guard pages.count > 1 else { return bytes }
        var joined = bytes
        let kept = pages.filter { !$0.isEmpty }
        for page in pages where page.isEmpty && kept.count > 0 {
            joined[page.open] = 0x20
            joined[page.close] = 0x20
        }
        for (previous, next) in zip(kept, kept.dropFirst()) {
            joined[previous.close] = UInt8(ascii: ",")
            joined[next.open] = 0x20
        }
        if kept.isEmpty {
            // Only empty pages: keep the first as the (empty) array.
            for page in pages.dropFirst() {
                joined[page.open] = 0x20
                joined[page.close] = 0x20
            }
        }
        return joined
    }

    /// The index of the `]` closing the array that opens at `start`, and whether it holds nothing;
    /// `nil` when the array does not close.
    private static func endOfArray(_ bytes: [UInt8], from start: Int) -> (Int, Bool)? {
        var depth = 0
        var index = start
        var isEmpty = true
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                    isEmpty = false
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if depth > 0 { isEmpty = false }
                    depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    if depth == 0 { return (index, isEmpty) }
                case 0x20, 0x0A, 0x0D, 0x09:
                    break
                default:
                    isEmpty = false
                }
            }
            index += 1
        }
        return nil
    }
}
