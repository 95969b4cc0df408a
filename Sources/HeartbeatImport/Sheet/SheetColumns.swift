import Foundation

/// Finds the columns of a CSV by the usual names event tools, analytics tools and spreadsheets
/// give them, or by an explicit `field=Header` mapping, and reads a row's values by field.
/// Header names are compared without case, spaces or punctuation (`Join Time` = `join_time`).
struct SheetColumns {
    /// A field and the header names that mean it; a name starting with `~` matches any header
    /// containing it (`~recommend` finds "How likely are you to recommend us?").
    struct Field {
        var name: String
        var headers: [String]
    }

    private(set) var index: [String: Int] = [:]
    let header: [String]

    static func normalize(_ text: String) -> String { text.lowercased().filter { $0.isLetter || $0.isNumber } }

    init(header: CSVReader.Record, fields: [Field], mapping: [String: String], file: String) throws {
        self.header = header.fields
        let names = header.fields.map(Self.normalize)
        for (field, headerName) in mapping {
            guard fields.contains(where: { $0.name == field }) else {
                throw ImportError.input(
                    file, line: nil, "--column \(field)=…: unknown field; known: \(fields.map(\.name).joined(separator: ", ")).")
            }
            guard let found = names.firstIndex(of: Self.normalize(headerName)) else {
                throw ImportError.input(
                    file, line: header.line,
                    "--column \(field)=\(headerName): no such column (header: \(header.fields.joined(separator: ", "))).")
            }
            index[field] = found
        }
        var taken = Set(index.values)
        for field in fields where index[field.name] == nil {
            for option in field.headers {
                let match: Int?
                if option.hasPrefix("~") {
                    let part = String(option.dropFirst())
                    match = names.indices.first { !taken.contains($0) && names[$0].contains(part) }
                } else {
                    match = names.indices.first { !taken.contains($0) && names[$0] == option }
                }
                if let match {
                    index[field.name] = match
                    taken.insert(match)
                    break
                }
            }
        }
    }

    func has(_ field: String) -> Bool { index[field] != nil }

    func value(_ field: String, _ record: CSVReader.Record) -> String {
        guard let column = index[field], column < record.fields.count else { return "" }
        return record.fields[column].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `--column field=Header` options as a dictionary, or an error naming the bad one.
    static func mapping(_ options: [String], file: String) throws -> [String: String] {
        var mapping: [String: String] = [:]
        for option in options {
            let parts = option.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ImportError.input(file, line: nil, "--column '\(option)' must be FIELD=HEADER (e.g. email=\"Attendee Email\").")
            }
            mapping[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        return mapping
    }

    /// The records of `bytes` (read from `file`), or an error naming the line that cannot be read.
    static func records(_ bytes: [UInt8], file: String) throws -> [CSVReader.Record] {
        do {
            return try CSVReader(bytes: bytes).records()
        } catch {
            throw ImportError.input(file, line: error.line, error.message)
        }
    }

    /// A CSV file (plain or gzip) with its header found: the data rows, the header and the columns,
    /// `columns` being the `--column FIELD=HEADER` options.
    static func read(file: String, fields: [Field], columns: [String]) throws
        -> (rows: ArraySlice<CSVReader.Record>, header: CSVReader.Record, sheet: SheetColumns)
    {
        try read(records(LineFileReader.readAll(path: file), file: file), file: file, fields: fields, columns: columns)
    }

    static func read(_ records: [CSVReader.Record], file: String, fields: [Field], columns: [String]) throws
        -> (rows: ArraySlice<CSVReader.Record>, header: CSVReader.Record, sheet: SheetColumns)
    {
        guard let header = records.first else { throw ImportError.input(file, line: nil, "is empty; it needs a header row.") }
        let sheet = try SheetColumns(header: header, fields: fields, mapping: try mapping(columns, file: file), file: file)
        return (records.dropFirst(), header, sheet)
    }
}
