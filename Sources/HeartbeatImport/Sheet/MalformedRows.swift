/// An import summary that counts malformed lines or rows and keeps the first 20 as
/// `file:line: reason`, for imports that skip bad input and go on (logs, page views, events).
protocol MalformedRows {
    var malformed: Int { get set }
    var malformedExamples: [String] { get set }
}

extension MalformedRows {
    mutating func noteMalformed(file: String, line: Int, reason: String) {
        malformed += 1
        if malformedExamples.count < 20 { malformedExamples.append("\(file):\(line): \(reason)") }
    }
}
