#ifndef CICU_H
#define CICU_H
// A small C surface over ICU with plain types only, so that Swift never sees <unicode/…> headers
// (Foundation on Linux carries its own ICU module whose types would clash with them).
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Detects the most likely charset of `bytes`. Writes its canonical name into `name` and returns the
/// confidence (0–100), or -1 when ICU cannot tell.
int32_t cicu_detect_charset(const char *bytes, int32_t length, char *name, int32_t name_capacity);

/// Converts `bytes` in `charset` to UTF-16. Invalid or unmappable input becomes U+FFFD and is counted in
/// `*invalid`. Returns the number of UTF-16 units written, the needed size (negated) when `capacity` is too
/// small, or INT32_MIN when the charset is unknown.
int32_t cicu_to_utf16(const char *charset, const char *bytes, int32_t length,
                      uint16_t *out, int32_t capacity, int32_t *invalid);

/// Converts well-formed UTF-8 to UTF-16 without a converter object (ICU's converter walks a generic
/// state machine and costs more than the rest of decoding). `capacity` must be at least `length`.
/// Returns the number of units written, or -1 at the first ill-formed sequence (overlong forms,
/// surrogates, code points past U+10FFFF, truncated sequences): the caller then converts with ICU,
/// which substitutes and counts them.
///
/// `flags`, when not NULL, receives what the conversion saw on the way: `CICU_SAW_CONTROL` for a
/// character below U+0020 other than a line feed, and `CICU_MAY_NEED_NFC` for a character outside
/// `cicu_is_plain_nfc`; without either, the text is NFC as it is and has no control characters.
int32_t cicu_utf8_to_utf16(const uint8_t *bytes, int32_t length, uint16_t *out, int32_t capacity, int32_t *flags);

enum { CICU_SAW_CONTROL = 1, CICU_MAY_NEED_NFC = 2 };

/// Transcodes the leading run of UTF-16 units below U+0800 to UTF-8 (eight units to a step where the
/// CPU allows), stopping before the first unit of U+0800 or above (or a surrogate) and, when
/// `escaping` is not 0, before the first control character, quotation mark or backslash, which JSON
/// escapes. `capacity` is the room at `out`: it must hold the run's UTF-8 (two bytes a unit at most).
/// Returns the units consumed and sets `*written` to the bytes written.
int32_t cicu_utf16_to_utf8_run(const uint16_t *units, int32_t count, uint8_t *out, int32_t capacity, int32_t *written,
                               int32_t escaping);

/// 1 for the units any NFC text may hold anywhere unchanged: NFC quick check Yes and combining class
/// 0 (ASCII, Latin-1 and Latin Extended, spacing modifiers, Cyrillic letters, common punctuation
/// and currency signs). Text of such units alone is already NFC.
int32_t cicu_is_plain_nfc(uint16_t unit);

/// ICU's NFC quick check and canonical combining class of one unit, for tests of the above.
int32_t cicu_nfc_quick_check_yes(uint16_t unit);
int32_t cicu_combining_class(uint16_t unit);

/// NFC-normalizes UTF-16 text. Returns the length written, or the needed size negated.
int32_t cicu_nfc(const uint16_t *text, int32_t length, uint16_t *out, int32_t capacity);

/// Full case folding (u_strFoldCase). Returns the length written, or the needed size negated.
// Length of the prefix that is certainly in NFC already (ICU's quick check).
int32_t cicu_nfc_span(const uint16_t *text, int32_t length);
int32_t cicu_fold_case(const uint16_t *text, int32_t length, uint16_t *out, int32_t capacity);

enum { CICU_BREAK_WORD = 0, CICU_BREAK_SENTENCE = 1 };

/// Opaque break iterator handle, reused across texts (opening one clones ICU's rules, which is slow);
/// not safe for use from two threads at once.
typedef struct cicu_breaker cicu_breaker;

cicu_breaker *cicu_breaker_open(int32_t kind, const char *locale);

/// Writes every boundary of `text` (including 0 and `length`) into `boundaries`, with ICU's rule
/// status for each into `statuses` (may be NULL). `capacity` must be at least length + 1. Returns the
/// count, or -1 on error.
int32_t cicu_breaker_run(cicu_breaker *handle, const uint16_t *text, int32_t length,
                         int32_t *boundaries, int32_t *statuses, int32_t capacity);

void cicu_breaker_close(cicu_breaker *handle);

/// A word piece: UTF-16 range, whether it is a word, and the 64-bit FNV-1a hash of its units (the
/// hash the key folder's table uses, taken while the units are at hand).
typedef struct {
  int32_t start;
  int32_t end;
  int32_t is_word;
  uint64_t hash;
} cicu_piece;

/// Word pieces of `text` as ICU's root word rules draw them, for text made only of characters those
/// rules treat without dictionaries or emoji sequences (no CJK, Thai and other complex scripts, Hebrew,
/// zero-width joiners or characters outside the Basic Multilingual Plane). A piece is a word (letters,
/// digits, joined by ICU's rules) or a single character of any other kind. Whitespace (space, tab,
/// newline, carriage return, form feed, no-break and Unicode spaces, zero-width space, BOM) outside
/// words is dropped. `capacity` must be at least `length`. Returns the count, or -1 when the text holds
/// a character these rules do not cover (the caller then asks ICU's break iterator).
int32_t cicu_word_pieces(const uint16_t *text, int32_t length, cicu_piece *pieces, int32_t capacity);

/// Sentence boundaries of `text` (0 and `length` included) by UAX #29's rules 3 to 11, which ICU's
/// root sentence rules implement, for text within the Basic Multilingual Plane. `capacity` must be at
/// least `length` + 1. Returns the count, or -1 when the text holds characters beyond the plane: the
/// caller then asks ICU's break iterator. Use it in place of a sentence iterator only when
/// `cicu_breaker_draws_as_sentence_scanner` says that iterator's rules agree.
int32_t cicu_sentence_boundaries(const uint16_t *text, int32_t length, int32_t *boundaries, int32_t capacity);

/// 1 when the sentence break iterator `handle` draws the boundaries `cicu_sentence_boundaries` draws
/// on a probe text that exercises every rule (its locale may tailor the rules, another ICU may change
/// them), else 0.
int32_t cicu_breaker_draws_as_sentence_scanner(cicu_breaker *handle);

/// Opaque transliterator handle; not safe for use from two threads at once.
typedef struct cicu_transliterator cicu_transliterator;

/// Opens a transliterator by ICU id ("Any-Latin; Latin-ASCII"). Returns NULL when the id is unknown.
cicu_transliterator *cicu_transliterator_open(const char *identifier);

/// Transliterates `text[0..<length]` in place; returns the new length, or the needed size negated.
int32_t cicu_transliterate(cicu_transliterator *handle, uint16_t *text, int32_t length, int32_t capacity);

void cicu_transliterator_close(cicu_transliterator *handle);

#ifdef __cplusplus
}
#endif
#endif
