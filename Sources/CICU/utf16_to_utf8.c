#include "cicu.h"

#include <pthread.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>

// For every pattern of eight units (bit k set: unit k takes two bytes, else one), the byte
// positions of their UTF-8 in a vector of eight 16-bit lanes (lane k: lead byte, then the
// continuation byte), and the UTF-8 length.
static uint8_t pack_shuffles[256][16];
static uint8_t pack_lengths[256];
static pthread_once_t pack_tables_once = PTHREAD_ONCE_INIT;
static int has_ssse3;

static void build_pack_tables(void) {
  for (int mask = 0; mask < 256; mask++) {
    int length = 0;
    for (int k = 0; k < 8; k++) {
      pack_shuffles[mask][length++] = (uint8_t)(2 * k);
      if (mask & (1 << k)) pack_shuffles[mask][length++] = (uint8_t)(2 * k + 1);
    }
    pack_lengths[mask] = (uint8_t)length;
    // Bytes past the length are written and then overwritten by what follows: any index does.
    for (int k = length; k < 16; k++) pack_shuffles[mask][k] = 0x80;
  }
  __builtin_cpu_init();
  has_ssse3 = __builtin_cpu_supports("ssse3");
}

// Eight units at a time while all of them are below U+0800 and (when escaping) none is a control
// character, a quotation mark or a backslash, and sixteen bytes of room are left (each step stores
// sixteen). Returns the units consumed; `*written` gets the bytes.
__attribute__((target("ssse3")))
static int32_t pack_blocks(const uint16_t *units, int32_t count, uint8_t *out, int32_t capacity, int32_t *written, int escaping) {
  const __m128i above_two_bytes = _mm_set1_epi16((short)0xF800);
  const __m128i ascii_top = _mm_set1_epi16(0x7F);
  const __m128i low_six = _mm_set1_epi16(0x3F);
  const __m128i continuation = _mm_set1_epi16(0x80);
  const __m128i lead = _mm_set1_epi16(0xC0);
  const __m128i space = _mm_set1_epi16(0x20);
  const __m128i quote = _mm_set1_epi16(0x22);
  const __m128i backslash = _mm_set1_epi16(0x5C);
  const __m128i zero = _mm_setzero_si128();
  int32_t in = 0, at = 0;
  while (in + 8 <= count && at + 16 <= capacity) {
    __m128i v = _mm_loadu_si128((const __m128i *)(units + in));
    // Units are below 0x800 here, so the signed comparisons below are exact.
    __m128i bad = _mm_cmpeq_epi16(_mm_and_si128(v, above_two_bytes), zero);
    bad = _mm_xor_si128(bad, _mm_cmpeq_epi16(zero, zero));
    if (escaping) {
      bad = _mm_or_si128(bad, _mm_cmplt_epi16(v, space));
      bad = _mm_or_si128(bad, _mm_cmpeq_epi16(v, quote));
      bad = _mm_or_si128(bad, _mm_cmpeq_epi16(v, backslash));
    }
    if (_mm_movemask_epi8(bad) != 0) break;
    __m128i two = _mm_cmpgt_epi16(v, ascii_top);
    // Lane k: its first byte (the unit itself, or the lead of two) and its continuation byte.
    __m128i first = _mm_or_si128(_mm_andnot_si128(two, v), _mm_and_si128(two, _mm_or_si128(_mm_srli_epi16(v, 6), lead)));
    __m128i second = _mm_or_si128(_mm_and_si128(v, low_six), continuation);
    __m128i lanes = _mm_or_si128(first, _mm_slli_epi16(second, 8));
    int mask = _mm_movemask_epi8(_mm_packs_epi16(two, zero)) & 0xFF;
    __m128i packed = _mm_shuffle_epi8(lanes, _mm_loadu_si128((const __m128i *)pack_shuffles[mask]));
    _mm_storeu_si128((__m128i *)(out + at), packed);
    at += pack_lengths[mask];
    in += 8;
  }
  *written = at;
  return in;
}
#endif

int32_t cicu_utf16_to_utf8_run(const uint16_t *units, int32_t count, uint8_t *out, int32_t capacity, int32_t *written,
                               int32_t escaping) {
  int32_t in = 0, at = 0;
#if defined(__x86_64__)
  pthread_once(&pack_tables_once, build_pack_tables);
  if (has_ssse3) in = pack_blocks(units, count, out, capacity, &at, escaping);
#endif
  while (in < count) {
    uint16_t unit = units[in];
    if (unit < 0x80) {
      if (escaping && (unit < 0x20 || unit == 0x22 || unit == 0x5C)) break;
      out[at++] = (uint8_t)unit;
    } else if (unit < 0x800) {
      out[at] = (uint8_t)(0xC0 | (unit >> 6));
      out[at + 1] = (uint8_t)(0x80 | (unit & 0x3F));
      at += 2;
    } else {
      break;
    }
    in++;
  }
  *written = at;
  return in;
}
