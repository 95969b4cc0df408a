/// Reads comma-separated values as RFC 4180 writes them and spreadsheets export them: fields in
/// double quotes may hold commas, line breaks and doubled quotes (`""`); lines end in LF or CRLF;
/// a UTF-8 byte-order mark is skipped; blank lines are skipped. Each record keeps the line it
/// starts on, so errors can name it.
public struct CSVReader: Sendable {
    public struct Record: Sendable, Hashable {
        /// 1-based line where the record starts.
        public var line: Int
        public var fields: [String]
    }

    /// A record that cannot be read (an unterminated quote), with its line.
    public struct Problem: Error, Sendable, Hashable {
        public var line: Int
        public var message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            self.bytes = Array(bytes.dropFirst(3))
        } else {
            self.bytes = bytes
        }
    }

    /// Every record, in order; stops at the first problem.
    public func records() throws(Problem) -> [Record] {
        var records: [Record] = []
        var index = 0
        var line = 1
        let count = bytes.count
        while index < count {
            let startLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var endOfRecord = false
            var sawAnything = false
            while index < count && !endOfRecord {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") && field.isEmpty {
                    // Quoted field.
                    sawAnything = true
                    index += 1
                    var closed = false
                    while index < count {
                        let inner = bytes[index]
                        if inner == UInt8(ascii: "\"") {
                            if index + 1 < count && bytes[index + 1] == UInt8(ascii: "\"") {
                                field.append(inner)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if inner == 0x0A { line += 1 }
                        field.append(inner)
                        index += 1
                    }
                    guard closed else { throw Problem(line: startLine, message: "a quoted field is never closed (a \" is missing)") }
                    // Anything up to the next separator after the closing quote is kept as is.
                    while index < count && bytes[index] != UInt8(ascii: ",") && bytes[index] != 0x0A && bytes[index] != 0x0D {
                        field.append(bytes[index])
                        index += 1
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: ","):
                    fields.append(String(decoding: field, as: UTF8.self))
                    field.removeAll(keepingCapacity: true)
                    sawAnything = true
                    index += 1
                case 0x0D:
                    index += 1
                case 0x0A:
                    line += 1
                    index += 1
                    endOfRecord = true
                default:
                    field.append(byte)
                    sawAnything = true
                    index += 1
                }
            }
            if sawAnything || !field.isEmpty {
                fields.append(String(decoding: field, as: UTF8.self))
                if !(fields.count == 1 && fields[0].allSatisfy { $0 == " " || $0 == "\t" }) {
                    records.append(Record(line: startLine, fields: fields))
                }
            }
        }
        return records
    }
}
