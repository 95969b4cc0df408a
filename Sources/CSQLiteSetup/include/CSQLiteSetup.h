// What the SQLite store needs from C: SQLite's process-wide settings (sqlite3_config is variadic,
// which Swift does not import), Linux's sync_file_range (not in Swift's Glibc module) and the
// processor's prefetch hint (no Swift spelling).
#ifndef HEARTBEAT_CSQLITESETUP_H
#define HEARTBEAT_CSQLITESETUP_H

/// Puts SQLite in multi-thread mode (no mutex around each connection's calls) and turns off its
/// memory statistics (a global mutex around every allocation). Must run before SQLite is first
/// initialized, that is before the process opens its first connection; later it changes nothing.
/// Returns 1 when both settings took effect, 0 otherwise.
int heartbeat_sqlite_configure(void);

/// Asks the kernel to start writing the file's dirty pages to disk now, without waiting for them
/// (Linux `sync_file_range`; nothing elsewhere). Lets a large import's commit `fsync` find most of
/// the file on disk already. Returns 0, or -1 with errno set.
int heartbeat_start_writeback(int fd);

/// Asks the processor to bring the cache line at `address` in, without waiting for it: a hint,
/// never a fault, whatever the address. The ingest's account look-ups (`IdentityIDMap`) wait on a
/// cache miss each; hinted a chunk of rows ahead, the misses overlap.
static inline void heartbeat_prefetch(const void *address) { __builtin_prefetch(address); }

#endif
