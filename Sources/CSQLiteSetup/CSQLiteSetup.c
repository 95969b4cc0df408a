#define _GNU_SOURCE
#include "CSQLiteSetup.h"
#include <fcntl.h>
#include <sqlite3.h>

int heartbeat_sqlite_configure(void) {
    // Both return SQLITE_MISUSE once SQLite is initialized; the library then keeps its defaults.
    int threads = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    int statistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return threads == SQLITE_OK && statistics == SQLITE_OK;
}

int heartbeat_start_writeback(int fd) {
#ifdef __linux__
    return sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd;
    return 0;
#endif
}
