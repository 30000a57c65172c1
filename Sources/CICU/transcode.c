#include "cicu.h"
#include "transcode.h"

#include <pthread.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>

// For every pattern of eight units (bit k set: unit k takes two bytes, else one), the byte
// positions of their UTF-8 in a vector of eight 16-bit lanes (lane k: lead byte, then the
// continuation byte), and the UTF-8 length.
static uint8_t pack_shuffles[256][16];
static uint8_t pack_lengths[256];
static uint8_t unpack_shuffles[256][16];
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
  // Decoding: for every pattern of eight 16-bit lanes to drop (bit k set: lane k goes), the byte
  // positions of the lanes kept, in order.
  for (int mask = 0; mask < 256; mask++) {
    int length = 0;
    for (int k = 0; k < 8; k++) {
      if (mask & (1 << k)) continue;
      unpack_shuffles[mask][length++] = (uint8_t)(2 * k);
      unpack_shuffles[mask][length++] = (uint8_t)(2 * k + 1);
    }
    for (int k = length; k < 16; k++) unpack_shuffles[mask][k] = 0x80;
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

// UTF-8 to UTF-16, eight bytes to a step while sixteen remain (see transcode.h).
__attribute__((target("ssse3")))
static int32_t unpack_blocks(const uint8_t *bytes, int32_t length, int32_t in, uint16_t *out, int32_t *written_io,
                             int32_t *seen_io) {
  int32_t written = *written_io, seen = *seen_io;
  const __m128i zero = _mm_setzero_si128();
  const __m128i line_feed = _mm_set1_epi8(0x0A), below_space = _mm_set1_epi8(0x1F);
  const __m128i top_two = _mm_set1_epi8((char)0xC0), top_three = _mm_set1_epi8((char)0xE0), top_seven = _mm_set1_epi8((char)0xFE);
  const __m128i continuation = _mm_set1_epi8((char)0x80);
  const __m128i lead_bits = _mm_set1_epi16(0xE0), lead_mark = _mm_set1_epi16(0xC0);
  const __m128i low_five = _mm_set1_epi16(0x1F), low_six = _mm_set1_epi16(0x3F);
  const __m128i bias = _mm_set1_epi16((short)0x8000);
  while (in + 16 <= length) {
    __m128i v = _mm_loadu_si128((const __m128i *)(bytes + in));
    unsigned high = (unsigned)_mm_movemask_epi8(v);
    // A control character: a byte of 0x1F or below other than a line feed.
    unsigned controls = (unsigned)_mm_movemask_epi8(
      _mm_andnot_si128(_mm_cmpeq_epi8(v, line_feed), _mm_cmpeq_epi8(_mm_max_epu8(v, below_space), below_space)));
    if (high == 0) {
      if (controls) seen |= CICU_SAW_CONTROL;
      _mm_storeu_si128((__m128i *)(out + written), _mm_unpacklo_epi8(v, zero));
      _mm_storeu_si128((__m128i *)(out + written + 8), _mm_unpackhi_epi8(v, zero));
      written += 16;
      in += 16;
      continue;
    }
    unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, top_two), continuation));
    unsigned overlong = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, top_seven), top_two));
    unsigned lead = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, top_three), top_two)) & ~overlong;
    // Bytes this step takes: eight, or fewer before a byte it leaves to the caller (a lead of three
    // or four bytes, C0, C1, F5…); a lead taken last brings its continuation, which must be one.
    unsigned other = high & ~(cont | lead);
    int take = (other & 0xFF) ? __builtin_ctz(other) : 8;
    if (take > 0 && ((lead >> (take - 1)) & 1)) take += ((cont >> take) & 1) ? 1 : -1;
    if (take == 0) break;
    unsigned span = (1u << take) - 1;
    // Every continuation taken follows a lead and every lead taken has one; else the caller finds
    // the text ill-formed.
    if ((cont & span) != ((lead << 1) & span)) break;
    if (controls & span) seen |= CICU_SAW_CONTROL;
    __m128i first = _mm_unpacklo_epi8(v, zero);
    __m128i second = _mm_unpacklo_epi8(_mm_srli_si128(v, 1), zero);
    __m128i is_lead = _mm_cmpeq_epi16(_mm_and_si128(first, lead_bits), lead_mark);
    __m128i pair = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(first, low_five), 6), _mm_and_si128(second, low_six));
    __m128i units = _mm_or_si128(_mm_and_si128(is_lead, pair), _mm_andnot_si128(is_lead, first));
    unsigned drop = (cont | ~span) & 0xFF;
    __m128i packed = _mm_shuffle_epi8(units, _mm_loadu_si128((const __m128i *)unpack_shuffles[drop]));
    // Not plain NFC (see is_plain_nfc_below_0800): U+0300–U+03FF, U+0483–U+0489, above U+052F.
    // Unsigned comparisons, as signed ones of the values with the top bit flipped.
    __m128i marks = _mm_cmplt_epi16(_mm_xor_si128(_mm_sub_epi16(packed, _mm_set1_epi16(0x300)), bias),
                                    _mm_set1_epi16((short)(0x100 ^ 0x8000)));
    __m128i cyrillic_marks = _mm_cmplt_epi16(_mm_xor_si128(_mm_sub_epi16(packed, _mm_set1_epi16(0x483)), bias),
                                             _mm_set1_epi16((short)(7 ^ 0x8000)));
    __m128i beyond = _mm_cmpgt_epi16(_mm_xor_si128(packed, bias), _mm_set1_epi16((short)(0x52F ^ 0x8000)));
    if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(marks, cyrillic_marks), beyond))) seen |= CICU_MAY_NEED_NFC;
    _mm_storeu_si128((__m128i *)(out + written), packed);
    written += 8 - __builtin_popcount(drop);
    in += take;
  }
  *written_io = written;
  *seen_io = seen;
  return in;
}
#endif

int32_t cicu_utf8_vector_steps(const uint8_t *bytes, int32_t length, int32_t in, uint16_t *out, int32_t *written,
                               int32_t *seen) {
#if defined(__x86_64__)
  pthread_once(&pack_tables_once, build_pack_tables);
  if (has_ssse3) return unpack_blocks(bytes, length, in, out, written, seen);
#endif
  return in;
}

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
