/// Decides whether a root message "looks like a question", the basis of the unanswered-questions
/// list. Definition (quoted in the README): after removing code (```…``` and `…`) and Slack markup
/// in angle brackets (`<@U1>`, `<https://…|label>`), the text contains a `?`, or its first word is one of `how why what when where which who whom whose does do did can
/// could is are should would will anyone anybody`.
public enum QuestionHeuristic {
    static let interrogatives: Set<String> = [
        "how", "why", "what", "when", "where", "which", "who", "whom", "whose", "does", "do", "did",
        "can", "could", "is", "are", "should", "would", "will", "anyone", "anybody",
    ]

    public static func looksLikeQuestion(_ text: String) -> Bool {
        var visible: [UInt8] = []
        visible.reserveCapacity(text.utf8.count)
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "`") {
                let isFence = index + 2 < bytes.count && bytes[index + 1] == byte && bytes[index + 2] == byte
                let width = isFence ? 3 : 1
                if let close = find(bytes, tick: width, from: index + width) {
                    index = close + width
                    visible.append(UInt8(ascii: " "))
                    continue
                }
            } else if byte == UInt8(ascii: "<"), let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) {
                index = close + 1
                visible.append(UInt8(ascii: " "))
                continue
            }
            visible.append(byte)
            index += 1
        }
        if visible.contains(UInt8(ascii: "?")) { return true }
        var word: [UInt8] = []
        for byte in visible {
            let lower = byte | 0x20
            if lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") {
                word.append(lower)
            } else if !word.isEmpty || (byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\t")) {
                break
            }
        }
        return interrogatives.contains(String(decoding: word, as: UTF8.self))
    }

    private static func find(_ bytes: [UInt8], tick width: Int, from start: Int) -> Int? {
        var index = start
        while index + width <= bytes.count {
            var match = true
            for offset in 0..<width where bytes[index + offset] != UInt8(ascii: "`") {
                match = false
                break
            }
            if match { return index }
            index += 1
        }
        return nil
    }
}
