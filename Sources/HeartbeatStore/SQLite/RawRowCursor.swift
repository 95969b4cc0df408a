import GRDB
import GRDBSQLite

/// Steps a prepared statement and hands each row to the caller as a `RawRow`, so a scan over a
/// million rows reads its columns with `sqlite3_column_int64` instead of building a GRDB `Row` and
/// decoding every value through `DatabaseValueConvertible`. GRDB still runs the statement: errors,
/// interrupts and transaction bookkeeping are its own.
final class RawRowCursor: DatabaseCursor {
    typealias Element = RawRow

    let _statement: Statement
    var _isDone = false

    /// Binds `arguments` (which resets the statement), ready to step from the first row.
    init(_ statement: Statement, arguments: StatementArguments = StatementArguments()) throws {
        try statement.setArguments(arguments)
        _statement = statement
    }

    func _element(sqliteStatement: SQLiteStatement) -> RawRow { RawRow(statement: sqliteStatement) }
}

/// The row a `RawRowCursor` is on; valid only inside the `forEach` body that received it. Column
/// numbers are the SELECT's, from 0; each reader decodes as GRDB does.
struct RawRow {
    let statement: SQLiteStatement

    @inline(__always) func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
    /// Any non-zero integer is true.
    @inline(__always) func bool(_ column: Int32) -> Bool { sqlite3_column_int64(statement, column) != 0 }
    @inline(__always) func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    /// `nil` for SQL NULL.
    @inline(__always) func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : sqlite3_column_int64(statement, column)
    }

    /// The text up to its first NUL, as GRDB's `String` decoding; "" for NULL.
    func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(statement, column) else { return "" }
        return String(cString: text)
    }

    /// `nil` for SQL NULL.
    func optionalString(_ column: Int32) -> String? {
        isNull(column) ? nil : string(column)
    }
}
