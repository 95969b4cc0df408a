// Process-wide SQLite settings that only C can make: sqlite3_config is variadic, which Swift does
// not import.
#ifndef HEARTBEAT_CSQLITESETUP_H
#define HEARTBEAT_CSQLITESETUP_H

/// Puts SQLite in multi-thread mode (no mutex around each connection's calls) and turns off its
/// memory statistics (a global mutex around every allocation). Must run before SQLite is first
/// initialized, that is before the process opens its first connection; later it changes nothing.
/// Returns 1 when both settings took effect, 0 otherwise.
int heartbeat_sqlite_configure(void);

#endif
