#ifndef CICU_TRANSCODE_H
#define CICU_TRANSCODE_H
#include <stdint.h>

/// UTF-8 to UTF-16 in vector steps, for `cicu_utf8_to_utf16`: from byte `in`, while sixteen bytes
/// remain, takes eight bytes of ASCII and two-byte sequences at a time (sixteen when all are ASCII),
/// writing their units at `out + *written` (which needs room for sixteen more) and noting in `*seen`
/// what `cicu_utf8_to_utf16` notes. Stops before anything else (a longer sequence, an ill-formed
/// one), which the caller then looks at, and returns where it stopped.
int32_t cicu_utf8_vector_steps(const uint8_t *bytes, int32_t length, int32_t in, uint16_t *out, int32_t *written,
                               int32_t *seen);

#endif
