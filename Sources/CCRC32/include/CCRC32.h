// CRC-32 (IEEE 802.3, the zip and gzip checksum) with the x86 carry-less multiply instruction.
#ifndef HEARTBEAT_CCRC32_H
#define HEARTBEAT_CCRC32_H

#include <stddef.h>
#include <stdint.h>

/// Whether this processor has PCLMULQDQ and SSE4.1, which `heartbeat_crc32_fold` needs.
int heartbeat_crc32_fold_available(void);

/// Continues `crc` (the finished CRC-32 of the bytes before, 0 for none) over `length` bytes, a
/// multiple of 16 and at least 64. Only call when `heartbeat_crc32_fold_available()`.
uint32_t heartbeat_crc32_fold(uint32_t crc, const unsigned char *bytes, size_t length);

#endif
