#include "cdigest.h"

/* The low-level SHA256_Init/Update/Final hash in a context on the stack, without allocating; OpenSSL 3
   marks them deprecated in favour of EVP, whose context costs several allocations per digest (and
   its one-shot SHA256() looks the algorithm up by name on every call). */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <pthread.h>

struct cdigest_sha256 { EVP_MD_CTX *context; };

/* The algorithm is fetched from libcrypto's provider once: OpenSSL 3 looks it up by name on every
   initialization otherwise, which cost more than hashing a short article. A fetched EVP_MD is
   immutable and safe to share between threads. */
static EVP_MD *fetched_sha256;
static pthread_once_t fetch_once = PTHREAD_ONCE_INIT;

static void fetch_sha256(void) { fetched_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL); }

static const EVP_MD *sha256_algorithm(void) {
  pthread_once(&fetch_once, fetch_sha256);
  return fetched_sha256 != NULL ? fetched_sha256 : EVP_sha256();
}

cdigest_sha256 *cdigest_sha256_new(void) {
  EVP_MD_CTX *context = EVP_MD_CTX_new();
  if (context == NULL) return NULL;
  if (EVP_DigestInit_ex(context, sha256_algorithm(), NULL) != 1) {
    EVP_MD_CTX_free(context);
    return NULL;
  }
  cdigest_sha256 *digest = (cdigest_sha256 *)OPENSSL_malloc(sizeof(cdigest_sha256));
  if (digest == NULL) {
    EVP_MD_CTX_free(context);
    return NULL;
  }
  digest->context = context;
  return digest;
}

int cdigest_sha256_update(cdigest_sha256 *digest, const uint8_t *bytes, size_t count) {
  return EVP_DigestUpdate(digest->context, bytes, count) == 1;
}

int cdigest_sha256_finish(cdigest_sha256 *digest, uint8_t *out32) {
  unsigned int length = 0;
  int ok = EVP_DigestFinal_ex(digest->context, out32, &length) == 1 && length == 32;
  cdigest_sha256_free(digest);
  return ok;
}

void cdigest_sha256_free(cdigest_sha256 *digest) {
  if (digest == NULL) return;
  EVP_MD_CTX_free(digest->context);
  OPENSSL_free(digest);
}

int cdigest_sha256_oneshot(const uint8_t *bytes, size_t count, uint8_t *out32) {
  SHA256_CTX context;
  if (SHA256_Init(&context) != 1) return 0;
  if (count > 0 && SHA256_Update(&context, bytes, count) != 1) return 0;
  return SHA256_Final(out32, &context) == 1;
}
