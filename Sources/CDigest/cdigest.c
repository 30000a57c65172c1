#include "cdigest.h"

/* OpenSSL's low-level SHA256_Init/Update/Final: a plain context, with the CPU's SHA instructions
   where there are any. OpenSSL 3 marks them deprecated in favour of EVP, whose context costs several
   allocations per digest and whose algorithm is looked up by name unless fetched ahead; every
   article's text is hashed, so the plain context serves both the incremental and the one-shot digest. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/crypto.h>
#include <openssl/sha.h>

struct cdigest_sha256 { SHA256_CTX context; };

cdigest_sha256 *cdigest_sha256_new(void) {
  cdigest_sha256 *digest = (cdigest_sha256 *)OPENSSL_malloc(sizeof(cdigest_sha256));
  if (digest == NULL) return NULL;
  if (SHA256_Init(&digest->context) != 1) {
    OPENSSL_free(digest);
    return NULL;
  }
  return digest;
}

int cdigest_sha256_update(cdigest_sha256 *digest, const uint8_t *bytes, size_t count) {
  return count == 0 || SHA256_Update(&digest->context, bytes, count) == 1;
}

int cdigest_sha256_finish(cdigest_sha256 *digest, uint8_t *out32) {
  int ok = SHA256_Final(out32, &digest->context) == 1;
  cdigest_sha256_free(digest);
  return ok;
}

void cdigest_sha256_free(cdigest_sha256 *digest) {
  if (digest == NULL) return;
  OPENSSL_free(digest);
}

int cdigest_sha256_oneshot(const uint8_t *bytes, size_t count, uint8_t *out32) {
  SHA256_CTX context;
  if (SHA256_Init(&context) != 1) return 0;
  if (count > 0 && SHA256_Update(&context, bytes, count) != 1) return 0;
  return SHA256_Final(out32, &context) == 1;
}
