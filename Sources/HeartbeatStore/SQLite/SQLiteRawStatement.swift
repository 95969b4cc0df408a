import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement driven through SQLite's C API, for the ingest hot path (one execution per
/// activity, reaction and mention). GRDB's `setUncheckedArguments` builds an array of boxed
/// `DatabaseValue`s and a C string copy of every text per row; binding directly removed that
/// (about a third of the writer's time on the 1M-message export).
///
/// Every `execute` binds all parameters, steps once and resets, so no binding leaks into the
/// next row.
struct SQLiteRawStatement {
    private let statement: OpaquePointer
    private let connection: OpaquePointer
    private var parameter: Int32 = 0

    /// SQLite copies bound text immediately (`SQLITE_TRANSIENT`), so Swift strings need not outlive
    /// the call.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement, in db: Database) {
        self.statement = statement.sqliteStatement
        connection = db.sqliteConnection!
    }

    mutating func bind(_ value: Int64) {
        parameter += 1
        sqlite3_bind_int64(statement, parameter, value)
    }

    mutating func bind(_ value: Int64?) {
        parameter += 1
        if let value { sqlite3_bind_int64(statement, parameter, value) } else { sqlite3_bind_null(statement, parameter) }
    }

    mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    mutating func bind(_ value: String?) {
        guard let value else {
            parameter += 1
            sqlite3_bind_null(statement, parameter)
            return
        }
        bind(value)
    }

    mutating func bind(_ value: Data?) {
        parameter += 1
        guard let value else {
            sqlite3_bind_null(statement, parameter)
            return
        }
        let statement = statement, parameter = parameter
        _ = value.withUnsafeBytes { bytes in
            sqlite3_bind_blob(statement, parameter, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    /// Binds `value` from a copy in `arena` (see `BoundTextArena`); the caller resets the arena
    /// once the statement ran.
    mutating func bind(_ value: String?, in arena: BoundTextArena) {
        parameter += 1
        guard let value else {
            sqlite3_bind_null(statement, parameter)
            return
        }
        let statement = statement, parameter = parameter
        value.withUTF8Bytes { arena.bind($0, to: statement, at: parameter) }
    }

    /// Reads the string's bytes in place (`withUTF8Bytes`); SQLite copies them.
    mutating func bind(_ value: String) {
        parameter += 1
        let statement = statement, parameter = parameter
        value.withUTF8Bytes { utf8 in
            _ = sqlite3_bind_text(statement, parameter, utf8.baseAddress, Int32(utf8.count), Self.transient)
        }
    }

    /// Runs the statement with the parameters bound since the last execution; returns the number
    /// of rows it changed (0 for an `ON CONFLICT DO NOTHING` that found the row already there).
    @discardableResult
    mutating func execute() throws -> Int {
        parameter = 0
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
        }
        return Int(sqlite3_changes(connection))
    }

    /// Runs a query that finds one row and reads it with `read`; no row is an error.
    mutating func fetchOne<T>(_ read: (RawRow) -> T) throws -> T {
        parameter = 0
        defer { sqlite3_reset(statement) }
        let code = sqlite3_step(statement)
        guard code == SQLITE_ROW else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
        }
        return read(RawRow(statement: statement))
    }

    /// The first row's values, or `nil` when the statement gives no row.
    mutating func fetchOneIfAny<T>(_ read: (RawRow) -> T) throws -> T? {
        parameter = 0
        defer { sqlite3_reset(statement) }
        let code = sqlite3_step(statement)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
        }
        return read(RawRow(statement: statement))
    }

    /// The rowid of the row the last successful insert on this connection created.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(connection) }
}
