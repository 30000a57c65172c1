#include "cicu.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

int32_t cicu_detect_charset(const char *bytes, int32_t length, char *name, int32_t name_capacity) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector *detector = ucsdet_open(&status);
  if (U_FAILURE(status)) return -1;
  ucsdet_setText(detector, bytes, length, &status);
  const UCharsetMatch *match = ucsdet_detect(detector, &status);
  int32_t confidence = -1;
  if (U_SUCCESS(status) && match != NULL) {
    const char *found = ucsdet_getName(match, &status);
    if (U_SUCCESS(status) && found != NULL && (int32_t)strlen(found) < name_capacity) {
      strcpy(name, found);
      confidence = ucsdet_getConfidence(match, &status);
    }
  }
  ucsdet_close(detector);
  return U_SUCCESS(status) ? confidence : -1;
}

// Counts every invalid, unassigned or irregular sequence, then lets ICU write U+FFFD for it.
static void counting_substitute(const void *context, UConverterToUnicodeArgs *args, const char *units,
                                int32_t length, UConverterCallbackReason reason, UErrorCode *status) {
  if (reason <= UCNV_IRREGULAR) {
    int32_t *invalid = (int32_t *)context;
    *invalid += 1;
  }
  UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, args, units, length, reason, status);
}

int32_t cicu_to_utf16(const char *charset, const char *bytes, int32_t length,
                      uint16_t *out, int32_t capacity, int32_t *invalid) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter *converter = ucnv_open(charset, &status);
  if (U_FAILURE(status)) return INT32_MIN;
  *invalid = 0;
  ucnv_setToUCallBack(converter, counting_substitute, invalid, NULL, NULL, &status);
  int32_t written = ucnv_toUChars(converter, (UChar *)out, capacity, bytes, length, &status);
  ucnv_close(converter);
  if (status == U_BUFFER_OVERFLOW_ERROR) return -written;
  if (U_FAILURE(status)) return INT32_MIN;
  return written;
}

int32_t cicu_nfc(const uint16_t *text, int32_t length, uint16_t *out, int32_t capacity) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
  if (U_FAILURE(status)) return INT32_MIN;
  int32_t written = unorm2_normalize(nfc, (const UChar *)text, length, (UChar *)out, capacity, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) return -written;
  if (U_FAILURE(status)) return INT32_MIN;
  return written;
}

int32_t cicu_nfc_span(const uint16_t *text, int32_t length) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
  if (U_FAILURE(status)) return 0;
  int32_t span = unorm2_spanQuickCheckYes(nfc, (const UChar *)text, length, &status);
  return U_FAILURE(status) ? 0 : span;
}

int32_t cicu_fold_case(const uint16_t *text, int32_t length, uint16_t *out, int32_t capacity) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t written = u_strFoldCase((UChar *)out, capacity, (const UChar *)text, length, U_FOLD_CASE_DEFAULT, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) return -written;
  if (U_FAILURE(status)) return INT32_MIN;
  return written;
}

struct cicu_breaker { UBreakIterator *iterator; };

cicu_breaker *cicu_breaker_open(int32_t kind, const char *locale) {
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *iterator = ubrk_open(kind == CICU_BREAK_SENTENCE ? UBRK_SENTENCE : UBRK_WORD, locale, NULL, 0, &status);
  if (U_FAILURE(status)) return NULL;
  cicu_breaker *handle = (cicu_breaker *)malloc(sizeof(cicu_breaker));
  handle->iterator = iterator;
  return handle;
}

int32_t cicu_breaker_run(cicu_breaker *handle, const uint16_t *text, int32_t length,
                         int32_t *boundaries, int32_t *statuses, int32_t capacity) {
  UErrorCode status = U_ZERO_ERROR;
  ubrk_setText(handle->iterator, (const UChar *)text, length, &status);
  if (U_FAILURE(status)) return -1;
  int32_t count = 0;
  for (int32_t position = ubrk_first(handle->iterator); position != UBRK_DONE; position = ubrk_next(handle->iterator)) {
    if (count >= capacity) { count = -1; break; }
    boundaries[count] = position;
    if (statuses != NULL) statuses[count] = ubrk_getRuleStatus(handle->iterator);
    count += 1;
  }
  return count;
}

void cicu_breaker_close(cicu_breaker *handle) {
  if (handle == NULL) return;
  ubrk_close(handle->iterator);
  free(handle);
}

struct cicu_transliterator { UTransliterator *transliterator; };

cicu_transliterator *cicu_transliterator_open(const char *identifier) {
  UErrorCode status = U_ZERO_ERROR;
  UChar id[128];
  u_uastrncpy(id, identifier, 127);
  id[127] = 0;
  UTransliterator *transliterator = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
  if (U_FAILURE(status)) return NULL;
  cicu_transliterator *handle = (cicu_transliterator *)malloc(sizeof(cicu_transliterator));
  handle->transliterator = transliterator;
  return handle;
}

int32_t cicu_transliterate(cicu_transliterator *handle, uint16_t *text, int32_t length, int32_t capacity) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t textLength = length;
  int32_t limit = length;
  utrans_transUChars(handle->transliterator, (UChar *)text, &textLength, capacity, 0, &limit, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) return -textLength;
  if (U_FAILURE(status)) return INT32_MIN;
  return textLength;
}

void cicu_transliterator_close(cicu_transliterator *handle) {
  if (handle == NULL) return;
  utrans_close(handle->transliterator);
  free(handle);
}
