// zlib's gz* file functions, which read gzip files and plain files alike (transparent mode).
// Needs zlib's development files (Debian: zlib1g-dev), which scripts/setup installs.
#ifndef HEARTBEAT_CGZIP_H
#define HEARTBEAT_CGZIP_H
#include <zlib.h>
#endif
