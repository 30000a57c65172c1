#include "cicu.h"
#include "transcode.h"

#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
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

/// cicu_is_plain_nfc of a unit below U+0800, without branches (the two-byte loop of the UTF-8
/// conversion asks it of every letter): all but the combining marks U+0300–U+03FF (with Greek,
/// left to ICU), the combining Cyrillic marks U+0483–U+0489 and what follows Cyrillic.
static inline int is_plain_nfc_below_0800(uint16_t unit) {
  return !(((uint16_t)(unit - 0x0300) < 0x100) | ((uint16_t)(unit - 0x0483) < 7) | (unit > 0x052F));
}

int32_t cicu_is_plain_nfc(uint16_t unit) {
  if (unit < 0x0800) return is_plain_nfc_below_0800(unit);
  return (unit >= 0x2010 && unit <= 0x2027) || (unit >= 0x2030 && unit <= 0x203E) || (unit >= 0x20A0 && unit <= 0x20BF)
    || unit == 0x2116;
}

int32_t cicu_nfc_quick_check_yes(uint16_t unit) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
  if (U_FAILURE(status)) return 0;
  return unorm2_quickCheck(nfc, (const UChar *)&unit, 1, &status) == UNORM_YES && U_SUCCESS(status);
}

int32_t cicu_combining_class(uint16_t unit) { return u_getCombiningClass(unit); }

int32_t cicu_utf8_to_utf16(const uint8_t *bytes, int32_t length, uint16_t *out, int32_t capacity, int32_t *flags) {
  if (capacity < length) return -1;
  int32_t in = 0, written = 0, seen = 0;
  while (in < length) {
    in = cicu_utf8_vector_steps(bytes, length, in, out, &written, &seen);
    if (in >= length) break;
    // Eight ASCII bytes at a time; a byte below 0x20 in the word (the top bit of a byte of
    // word - 0x20… set where the byte was clear) is looked at on its own.
    while (in + 8 <= length) {
      uint64_t word;
      memcpy(&word, bytes + in, 8);
      if (word & 0x8080808080808080ULL) break;
      if ((word - 0x2020202020202020ULL) & ~word & 0x8080808080808080ULL) {
        for (int k = 0; k < 8; k++) if (bytes[in + k] < 0x20 && bytes[in + k] != 0x0A) seen |= CICU_SAW_CONTROL;
      }
      for (int k = 0; k < 8; k++) out[written + k] = bytes[in + k];
      in += 8; written += 8;
    }
    if (in >= length) break;
    uint8_t lead = bytes[in];
    if (lead < 0x80) {
      if (lead < 0x20 && lead != 0x0A) seen |= CICU_SAW_CONTROL;
      out[written++] = lead;
      in += 1;
      continue;
    }
    if (lead < 0xC2) return -1;
    if (lead < 0xE0) {
      // Runs of two-byte letters (Polish, Russian, Ukrainian, German umlauts) in one loop, two
      // letters to a step while the next four bytes are two such sequences (leads C2-DF: a lead
      // with none of the bits 0x1E set would be overlong).
      while (in + 4 <= length) {
        uint32_t word;
        memcpy(&word, bytes + in, 4);
        if ((word & 0xC0E0C0E0u) != 0x80C080C0u || (word & 0x1Eu) == 0 || (word & 0x1E0000u) == 0) break;
        uint16_t first = (uint16_t)(((word & 0x1F) << 6) | ((word >> 8) & 0x3F));
        uint16_t second = (uint16_t)((((word >> 16) & 0x1F) << 6) | ((word >> 24) & 0x3F));
        seen |= (is_plain_nfc_below_0800(first) & is_plain_nfc_below_0800(second)) ? 0 : CICU_MAY_NEED_NFC;
        out[written] = first;
        out[written + 1] = second;
        written += 2;
        in += 4;
      }
      if (in >= length) break;
      lead = bytes[in];
      if (lead < 0xC2 || lead >= 0xE0) continue;
      do {
        if (in + 1 >= length || (bytes[in + 1] & 0xC0) != 0x80) return -1;
        uint16_t unit = (uint16_t)(((lead & 0x1F) << 6) | (bytes[in + 1] & 0x3F));
        seen |= is_plain_nfc_below_0800(unit) ? 0 : CICU_MAY_NEED_NFC;
        out[written++] = unit;
        in += 2;
        lead = in < length ? bytes[in] : 0;
      } while (lead >= 0xC2 && lead < 0xE0);
      continue;
    }
    if (lead < 0xF0) {
      if (in + 2 >= length) return -1;
      uint8_t second = bytes[in + 1], third = bytes[in + 2];
      if ((second & 0xC0) != 0x80 || (third & 0xC0) != 0x80) return -1;
      if (lead == 0xE0 && second < 0xA0) return -1;   // overlong
      if (lead == 0xED && second >= 0xA0) return -1;  // surrogate
      uint16_t unit = (uint16_t)(((lead & 0x0F) << 12) | ((second & 0x3F) << 6) | (third & 0x3F));
      if (!cicu_is_plain_nfc(unit)) seen |= CICU_MAY_NEED_NFC;
      out[written++] = unit;
      in += 3;
      continue;
    }
    if (lead > 0xF4 || in + 3 >= length) return -1;
    uint8_t second = bytes[in + 1], third = bytes[in + 2], fourth = bytes[in + 3];
    if ((second & 0xC0) != 0x80 || (third & 0xC0) != 0x80 || (fourth & 0xC0) != 0x80) return -1;
    if (lead == 0xF0 && second < 0x90) return -1;   // overlong
    if (lead == 0xF4 && second >= 0x90) return -1;  // past U+10FFFF
    uint32_t scalar = ((uint32_t)(lead & 0x07) << 18) | ((uint32_t)(second & 0x3F) << 12) | ((uint32_t)(third & 0x3F) << 6)
      | (fourth & 0x3F);
    out[written++] = (uint16_t)(0xD7C0 + (scalar >> 10));
    out[written++] = (uint16_t)(0xDC00 | (scalar & 0x3FF));
    seen |= CICU_MAY_NEED_NFC;
    in += 4;
  }
  if (flags) *flags = seen;
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

// MARK: - Word pieces without a break iterator

// Character classes of the word rules (UAX #29 as ICU's root rules apply them); the high bit marks
// characters dropped as whitespace when they stand outside a word.
enum {
  WORD_OTHER = 0, WORD_LETTER = 1, WORD_NUMERIC = 2, WORD_EXTEND_NUM_LET = 3, WORD_MID_LETTER = 4,
  WORD_MID_NUM = 5, WORD_MID_NUM_LET = 6, WORD_SINGLE_QUOTE = 7, WORD_EXTEND = 8, WORD_UNSUPPORTED = 15,
  WORD_CLASS_MASK = 0x0F, WORD_SPACE = 0x80
};

static uint8_t word_classes[0x10000];
static pthread_once_t word_classes_once = PTHREAD_ONCE_INIT;

// `TextDecoder.isWhitespace` and the line ends, which the Swift side drops from ICU's pieces too; the
// word breaker tests compare both sides on every BMP character.
static int is_dropped_space(UChar32 c) {
  return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0xA0 || c == 0x202F
    || (c >= 0x2000 && c <= 0x200B) || c == 0x3000 || c == 0xFEFF;
}

static uint8_t word_class(UChar32 c) {
  if (c >= 0xD800 && c <= 0xDFFF) return WORD_UNSUPPORTED;
  // Scripts that ICU segments with dictionaries.
  if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) || (c >= 0xAC00 && c <= 0xD7A3)
      || u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) return WORD_UNSUPPORTED;
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  if (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA || script == USCRIPT_HAN) return WORD_UNSUPPORTED;
  // ICU's root rules tailor UAX #29 here: the colons join no letters (CLDR's root), and ICU 72 counts
  // '@' as a letter so that e-mail addresses stay whole. The self-check below holds these to ICU.
  if (c == 0x3A || c == 0xFE55 || c == 0xFF1A) return WORD_OTHER;
  if (c == 0x40) return WORD_LETTER;
  uint8_t space = is_dropped_space(c) ? WORD_SPACE : 0;
  switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
    case U_WB_ALETTER: return space | WORD_LETTER;
    case U_WB_NUMERIC: return space | WORD_NUMERIC;
    case U_WB_EXTENDNUMLET: return space | WORD_EXTEND_NUM_LET;
    case U_WB_MIDLETTER: return space | WORD_MID_LETTER;
    case U_WB_MIDNUM: return space | WORD_MID_NUM;
    case U_WB_MIDNUMLET: return space | WORD_MID_NUM_LET;
    case U_WB_SINGLE_QUOTE: return space | WORD_SINGLE_QUOTE;
    case U_WB_EXTEND: case U_WB_FORMAT: return space | WORD_EXTEND;
    case U_WB_ZWJ: case U_WB_HEBREW_LETTER: case U_WB_KATAKANA: case U_WB_REGIONAL_INDICATOR:
    case U_WB_E_BASE: case U_WB_E_MODIFIER: case U_WB_E_BASE_GAZ: case U_WB_GLUE_AFTER_ZWJ:
      return WORD_UNSUPPORTED;
    default: return space | WORD_OTHER;
  }
}

static int word_scanner_enabled = 0;

static int32_t scan_word_pieces(const uint16_t *text, int32_t length, cicu_piece *pieces);

// FNV-1a over UTF-16 units, as `KeyFolder.hash` takes it.
#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

/// Appends a piece whose units' hash is known.
static inline void add_hashed_piece(cicu_piece *pieces, int32_t *count, int32_t start, int32_t end, int32_t is_word,
                                    uint64_t hash) {
  cicu_piece *piece = &pieces[*count];
  piece->start = start; piece->end = end; piece->is_word = is_word; piece->hash = hash;
  *count += 1;
}

/// Appends a piece, hashing its units.
static inline void add_piece(cicu_piece *pieces, int32_t *count, const uint16_t *text, int32_t start, int32_t end, int32_t is_word) {
  uint64_t hash = FNV_OFFSET;
  for (int32_t i = start; i < end; i++) hash = (hash ^ text[i]) * FNV_PRIME;
  add_hashed_piece(pieces, count, start, end, is_word, hash);
}

/// ICU's pieces of `text`, drawn as the Swift side draws them from its break iterator.
static int32_t icu_word_pieces(const uint16_t *text, int32_t length, cicu_piece *pieces) {
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *iterator = ubrk_open(UBRK_WORD, "root", (const UChar *)text, length, &status);
  if (U_FAILURE(status)) return -1;
  int32_t count = 0;
  int32_t start = ubrk_first(iterator);
  for (int32_t end = ubrk_next(iterator); end != UBRK_DONE; start = end, end = ubrk_next(iterator)) {
    if (ubrk_getRuleStatus(iterator) >= 100) {
      add_piece(pieces, &count, text, start, end, 1);
      continue;
    }
    for (int32_t i = start; i < end; i++) {
      if (!is_dropped_space(text[i])) add_piece(pieces, &count, text, i, i + 1, 0);
    }
  }
  ubrk_close(iterator);
  return count;
}

/// Whether a scanner drew on a probe text what ICU drew: the same number of results (the scanner's
/// not negative, which means it declined the text) and the same bytes.
static int same_results(const void *ours, int32_t our_count, const void *theirs, int32_t their_count, size_t size) {
  return our_count >= 0 && our_count == their_count && memcmp(ours, theirs, size * (size_t)our_count) == 0;
}

static void build_word_classes(void) {
  for (UChar32 c = 0; c < 0x10000; c++) word_classes[c] = word_class(c);
  // The scanner serves only while it draws what this ICU draws on text that exercises each rule and
  // each tailoring; another ICU version with other rules falls back to the break iterator.
  static const char *probe = "Kreml'u Kreml\\u2019a don't a:b a@b user@example.com 1:2 a.b 1,5 3.500 1'000 a1.2 "
    "1.a a.1 __ _ a_ _1 x_y a\\u0301b a\\u00ADb \\u0301a e.g. U.S. 10:30 p.m. \\u00ABTak\\u00BB \\u2013 (12.03.2024) "
    "a\\uFEFFb a\\u200Bb a\\u00B7b 1;2 a;b 1\\u066C2 a,b \\u2116 5 \\u00A9 2024\\n\\u0301x";
  UChar text[512];
  int32_t length = u_unescape(probe, text, 512);
  cicu_piece ours[512], theirs[512];
  memset(ours, 0, sizeof ours);
  memset(theirs, 0, sizeof theirs);
  word_scanner_enabled = same_results(ours, scan_word_pieces(text, length, ours), theirs, icu_word_pieces(text, length, theirs),
                                      sizeof(cicu_piece));
}

static inline int is_word_start(uint8_t cls) {
  return cls == WORD_LETTER || cls == WORD_NUMERIC || cls == WORD_EXTEND_NUM_LET;
}

/// The index after any Extend or Format characters from `position` on (they attach to what precedes).
static inline int32_t skip_extends(const uint16_t *text, int32_t length, int32_t position) {
  while (position < length && (word_classes[text[position]] & WORD_CLASS_MASK) == WORD_EXTEND) position += 1;
  return position;
}

int32_t cicu_word_pieces(const uint16_t *text, int32_t length, cicu_piece *pieces, int32_t capacity) {
  pthread_once(&word_classes_once, build_word_classes);
  if (!word_scanner_enabled || capacity < length) return -1;
  return scan_word_pieces(text, length, pieces);
}

static int32_t scan_word_pieces(const uint16_t *text, int32_t length, cicu_piece *pieces) {
  int32_t count = 0;
  int32_t position = 0;
  while (position < length) {
    uint8_t entry = word_classes[text[position]];
    uint8_t cls = entry & WORD_CLASS_MASK;
    if (cls == WORD_UNSUPPORTED) return -1;
    if (!is_word_start(cls)) {
      if (!(entry & WORD_SPACE)) {
        add_piece(pieces, &count, text, position, position + 1, 0);
      }
      position += 1;
      continue;
    }
    // A run joined by rules 5–13b: letters, digits and connectors in any order (every pair of them
    // joins), and a middle mark between two letters (6, 7) or two digits (11, 12); Extend and
    // Format characters attach to what precedes them (rule 4).
    int32_t start = position;
    int32_t members = 1;
    uint8_t last = cls;
    int32_t last_start = position;
    int32_t end = position + 1;
    // The piece's hash, taken unit by unit as the run grows: the multiplications overlap the
    // classification instead of running after it.
    uint64_t hash = (FNV_OFFSET ^ text[start]) * FNV_PRIME;
    while (end < length) {
      uint16_t unit = text[end];
      uint8_t next = word_classes[unit] & WORD_CLASS_MASK;
      if (next == WORD_EXTEND) { hash = (hash ^ unit) * FNV_PRIME; end += 1; continue; }
      if (is_word_start(next)) {
        hash = (hash ^ unit) * FNV_PRIME;
        last = next;
        last_start = end;
        members += 1;
        end += 1;
        continue;
      }
      if (next < WORD_MID_LETTER || next > WORD_SINGLE_QUOTE) break;
      int32_t after = skip_extends(text, length, end + 1);
      if (after >= length) break;
      uint8_t following = word_classes[text[after]] & WORD_CLASS_MASK;
      int joins_letters = last == WORD_LETTER && following == WORD_LETTER && next != WORD_MID_NUM;
      int joins_digits = last == WORD_NUMERIC && following == WORD_NUMERIC && next != WORD_MID_LETTER;
      if (!joins_letters && !joins_digits) break;
      for (int32_t i = end; i <= after; i++) hash = (hash ^ text[i]) * FNV_PRIME;
      members += 2;
      last_start = after;
      end = after + 1;
    }
    // ICU's status: a word when it ends in a letter or digit; when it ends in a connector, only when
    // the connector joined something and no mark follows it ("a_" is a word, "a_" + U+0301 and "_" are not).
    int is_word = last != WORD_EXTEND_NUM_LET || (members > 1 && end == last_start + 1);
    if (is_word) {
      add_hashed_piece(pieces, &count, start, end, 1, hash);
    } else {
      // A lone connector ("_") is no word: each of its characters is a piece, as outside words.
      for (int32_t i = start; i < end; i++) {
        if (word_classes[text[i]] & WORD_SPACE) continue;
        add_piece(pieces, &count, text, i, i + 1, 0);
      }
    }
    position = end;
  }
  return count;
}

// MARK: - Sentence boundaries without a break iterator

// Sentence_Break values of the Basic Multilingual Plane (ICU's U_SB_… numbers) in the low bits;
// surrogates are marked unsupported, so that texts with characters beyond the plane go to ICU's
// iterator. The high bit marks the classes where a sentence can end (terminators, separators) and
// the unsupported ones: a scan passes over everything else without a rule to test.
enum { SENTENCE_UNSUPPORTED = 0x7F, SENTENCE_CLASS_MASK = 0x7F, SENTENCE_STOP = 0x80 };
static uint8_t sentence_classes[0x10000];
static pthread_once_t sentence_classes_once = PTHREAD_ONCE_INIT;
static int32_t scan_sentence_boundaries(const uint16_t *text, int32_t length, int32_t *boundaries);

static inline uint8_t sentence_class(uint16_t unit) { return sentence_classes[unit] & SENTENCE_CLASS_MASK; }
static inline int is_paragraph_separator(uint8_t cls) { return cls == U_SB_SEP || cls == U_SB_CR || cls == U_SB_LF; }
static inline int is_sentence_extend(uint8_t cls) { return cls == U_SB_EXTEND || cls == U_SB_FORMAT; }
static inline int is_terminator(uint8_t cls) { return cls == U_SB_ATERM || cls == U_SB_STERM; }

static void build_sentence_classes(void) {
  for (UChar32 c = 0; c < 0x10000; c++) {
    uint8_t cls = (c >= 0xD800 && c <= 0xDFFF) ? SENTENCE_UNSUPPORTED : (uint8_t)u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
    int stop = cls == SENTENCE_UNSUPPORTED || is_terminator(cls) || is_paragraph_separator(cls);
    sentence_classes[c] = cls | (stop ? SENTENCE_STOP : 0);
  }
}

int32_t cicu_breaker_draws_as_sentence_scanner(cicu_breaker *handle) {
  pthread_once(&sentence_classes_once, build_sentence_classes);
  static const char *probe = "Dr. Smith went home. He said: \\u201EYes!\\u201D Then (he left.) And U.S. Army e.g. the rest. "
    "Etc. and so on... \\u2013 Trzeba to zrobi\\u0107! \\u2013 m\\u00F3wi\\u0142. 3.5 bln. \\u00ABTak\\u00BB, \\u2014 \\u0441\\u043A\\u0430\\u0437\\u0430\\u043B. "
    "Is it? Yes.\\u00A0 No!!  \\u201EWhy?\\u201D she asked.\\nNew line.\\u2029Next a.\\u0301 b. ok.) x. 1. 2.3 end.\\r\\n\\u0301A.";
  UChar text[512];
  int32_t length = u_unescape(probe, text, 512);
  int32_t ours[520], theirs[520];
  return same_results(ours, scan_sentence_boundaries(text, length, ours), theirs,
                      cicu_breaker_run(handle, text, length, theirs, NULL, 520), sizeof(int32_t));
}

int32_t cicu_sentence_boundaries(const uint16_t *text, int32_t length, int32_t *boundaries, int32_t capacity) {
  pthread_once(&sentence_classes_once, build_sentence_classes);
  if (capacity < length + 1) return -1;
  return scan_sentence_boundaries(text, length, boundaries);
}

/// Whether, from `position` on, the first character that is a letter, a separator or a sentence
/// terminator is a lowercase letter (rule 8: "etc. and" does not end a sentence).
static int lowercase_follows(const uint16_t *text, int32_t length, int32_t position) {
  for (; position < length; position++) {
    switch (sentence_class(text[position])) {
      case U_SB_LOWER: return 1;
      case U_SB_OLETTER: case U_SB_UPPER: case U_SB_SEP: case U_SB_CR: case U_SB_LF: case U_SB_ATERM: case U_SB_STERM:
        return 0;
      default: break;
    }
  }
  return 0;
}

/// UAX #29 sentence boundaries (rules 3 to 11), Extend and Format characters attached to what
/// precedes them (rule 5).
static int32_t scan_sentence_boundaries(const uint16_t *text, int32_t length, int32_t *boundaries) {
  int32_t count = 0;
  boundaries[count++] = 0;
  if (length == 0) return count;
  // The run "terminator Close* Sp*" that ends right before the current position: which terminator
  // (0 for none), whether a Close or a space has followed it, and the class before an ATerm (rule 7).
  uint8_t terminator = 0;
  int spaced = 0, closed = 0;
  uint8_t before_terminator = U_SB_OTHER;
  uint8_t previous = U_SB_OTHER;  // the last class other than Extend and Format
  uint8_t first = sentence_class(text[0]);
  if (first == SENTENCE_UNSUPPORTED) return -1;
  if (is_terminator(first)) terminator = first;
  if (!is_sentence_extend(first)) previous = first;
  for (int32_t i = 1; i < length; i++) {
    uint8_t before = sentence_class(text[i - 1]);
    if (terminator == 0 && !is_paragraph_separator(before)) {
      // No rule breaks here, nor before any character up to the next terminator or separator.
      while (i < length && !(sentence_classes[text[i]] & SENTENCE_STOP)) i++;
      if (i >= length) break;
      uint8_t cls = sentence_class(text[i]);
      if (cls == SENTENCE_UNSUPPORTED) return -1;
      if (is_terminator(cls)) {
        int32_t back = i - 1;
        while (back >= 0 && is_sentence_extend(sentence_class(text[back]))) back--;
        before_terminator = back >= 0 ? sentence_class(text[back]) : U_SB_OTHER;
        terminator = cls;
        spaced = 0;
        closed = 0;
      }
      previous = cls;
      continue;
    }
    uint8_t cls = sentence_class(text[i]);
    if (cls == SENTENCE_UNSUPPORTED) return -1;
    int is_break;
    if (before == U_SB_CR && cls == U_SB_LF) {
      is_break = 0;                                   // 3
    } else if (is_paragraph_separator(before)) {
      is_break = 1;                                   // 4
    } else if (is_sentence_extend(cls)) {
      is_break = 0;                                   // 5
    } else if (terminator == U_SB_ATERM && !closed && !spaced && cls == U_SB_NUMERIC) {
      is_break = 0;                                   // 6
    } else if (terminator == U_SB_ATERM && !closed && !spaced && cls == U_SB_UPPER
               && (before_terminator == U_SB_UPPER || before_terminator == U_SB_LOWER)) {
      is_break = 0;                                   // 7
    } else if (terminator == U_SB_ATERM && lowercase_follows(text, length, i)) {
      is_break = 0;                                   // 8
    } else if (cls == U_SB_SCONTINUE || is_terminator(cls)) {
      is_break = 0;                                   // 8a
    } else if (!spaced && (cls == U_SB_CLOSE || cls == U_SB_SP || is_paragraph_separator(cls))) {
      is_break = 0;                                   // 9
    } else if (cls == U_SB_SP || is_paragraph_separator(cls)) {
      is_break = 0;                                   // 10
    } else {
      is_break = terminator != 0;                     // 11, else 998
    }
    if (is_break) {
      boundaries[count++] = i;
      terminator = 0;
    }
    // Extend and Format characters belong to what precedes them, except after a separator.
    if (is_sentence_extend(cls) && !is_paragraph_separator(before)) continue;
    if (is_terminator(cls)) {
      before_terminator = previous;
      terminator = cls;
      spaced = 0;
      closed = 0;
    } else if (terminator != 0 && cls == U_SB_CLOSE && !spaced) {
      closed = 1;
    } else if (terminator != 0 && cls == U_SB_SP) {
      spaced = 1;
    } else {
      terminator = 0;
    }
    previous = cls;
  }
  boundaries[count++] = length;
  return count;
}
