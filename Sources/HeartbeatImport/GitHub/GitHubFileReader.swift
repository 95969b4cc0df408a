import Foundation
import HeartbeatCore

/// Reads one GitHub file, plain or gzip, recognised by its content: a first non-space `{` is a GH
/// Archive hour (one JSON event per line, streamed line by line), a `[` is JSON saved from the REST
/// API (read whole: such files hold at most a repository's issues, pulls or comments).
struct GitHubFileReader {
    let path: String
    /// Lowercased `owner/name`s to keep; must not be empty for GH Archive files.
    let repositories: Set<String>

    private enum Format { case archive, rest }

    func read() throws -> GitHubFileContent {
        let reader = try LineFileReader(path: path)
        let mapper = GitHubEventMapper(path: path)
        let decoder = JSONDecoder()
        var content = GitHubFileContent()
        var format: Format?
        var restBytes: [UInt8] = []
        var isFirstEvent = true
        try reader.forEachLine { line in
            if format == nil {
                guard let first = line.first(where: { !Self.isSpace($0) }) else { return }
                switch first {
                case UInt8(ascii: "["):
                    format = .rest
                case UInt8(ascii: "{"):
                    guard !repositories.isEmpty else { throw ImportError.repositoriesRequired(path) }
                    format = .archive
                default:
                    throw ImportError.notGitHubActivity(path, detail: "it does not start with '{' or '['")
                }
            }
            switch format {
            case .rest:
                restBytes.append(contentsOf: line)
                restBytes.append(0x0A)
            case .archive:
                guard line.contains(where: { !Self.isSpace($0) }) else { return }
                try readEvent(
                    line, number: reader.lineNumber, isFirst: isFirstEvent, mapper: mapper, decoder: decoder, into: &content)
                isFirstEvent = false
            case nil:
                break
            }
        }
        content.bytesRead = Int64(reader.bytesRead)
        switch format {
        case .rest:
            try GitHubRESTMapper(path: path, repositories: repositories).map(restBytes, into: &content)
        case .archive:
            break
        case nil:
            throw ImportError.notGitHubActivity(path, detail: "the file is empty")
        }
        return content
    }

    private func readEvent(
        _ line: UnsafeBufferPointer<UInt8>, number: Int, isFirst: Bool, mapper: GitHubEventMapper, decoder: JSONDecoder,
        into content: inout GitHubFileContent
    ) throws {
        let data = Data(buffer: line)
        let event: GitHubEventHeader
        do {
            event = try decoder.decode(GitHubEventHeader.self, from: data)
        } catch DecodingError.keyNotFound(let key, let context) where isFirst && context.codingPath.isEmpty {
            // An object without an event's fields from the start: most likely an API error response
            // (`{"message": "Not Found", …}`) or some other JSON, not a GH Archive hour.
            throw ImportError.notGitHubActivity(
                path, detail: "its first line is a JSON object without `\(key.stringValue)`, not a GH Archive event")
        } catch let error as DecodingError {
            throw describe(error, line: Array(line), number: number)
        }
        guard repositories.contains(event.repo.name.lowercased()) else {
            content.filteredOut += 1
            return
        }
        var payload: GitHubEventPayload?
        if GitHubEventMapper.payloadTypes.contains(event.type) {
            do {
                payload = try decoder.decode(GitHubEventPayload.Envelope.self, from: data).payload
            } catch let error as DecodingError {
                throw describe(error, line: Array(line), number: number)
            }
        }
        try mapper.map(event, payload: payload, line: number, into: &content)
    }

    /// The error for a line that is not an event: where its JSON breaks, or which field is wrong.
    private func describe(_ error: DecodingError, line: [UInt8], number: Int) -> ImportError {
        var locator = JSONSyntaxLocator(line)
        if let syntax = locator.firstError() {
            return .badGitHubEvent(path, line: number, column: syntax.offset + 1, detail: "malformed JSON: " + syntax.expected)
        }
        let detail: String
        switch error {
        case .keyNotFound(let key, let context):
            detail = "required field `\(JSONFileDecoder.render(context.codingPath + [key]))` is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            detail = "unexpected value at `\(JSONFileDecoder.render(context.codingPath))`: \(context.debugDescription)"
        @unknown default:
            detail = "\(error)"
        }
        return .badGitHubEvent(path, line: number, column: nil, detail: detail)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
}
