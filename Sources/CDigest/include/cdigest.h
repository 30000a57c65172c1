#ifndef CDIGEST_H
#define CDIGEST_H

#include <stddef.h>
#include <stdint.h>

/// An incremental SHA-256 over OpenSSL's libcrypto (which uses the CPU's SHA extensions where there
/// are any). Opaque to Swift: only plain C types cross.
typedef struct cdigest_sha256 cdigest_sha256;

/// A new digest, or NULL when libcrypto cannot give one.
cdigest_sha256 *cdigest_sha256_new(void);
/// Adds bytes; returns 0 on failure.
int cdigest_sha256_update(cdigest_sha256 *digest, const uint8_t *bytes, size_t count);
/// Writes the 32-byte digest and frees the handle; returns 0 on failure.
int cdigest_sha256_finish(cdigest_sha256 *digest, uint8_t *out32);
/// Writes the 32-byte digest of one run of bytes, without allocating; returns 0 on failure.
int cdigest_sha256_oneshot(const uint8_t *bytes, size_t count, uint8_t *out32);
/// Frees a handle that was not finished.
void cdigest_sha256_free(cdigest_sha256 *digest);

#endif
