import CICU

/// Swift face of the C target: every ICU service the text layer needs, over plain UTF-16 buffers.
enum ICU {
  /// Runs an ICU call that fills an output buffer, growing the buffer once when ICU asks for more.
  private static func fill(initialCapacity: Int, _ body: (UnsafeMutablePointer<UInt16>, Int32) -> Int32) -> [UInt16]? {
    var capacity = max(initialCapacity, 16)
    for _ in 0..<2 {
      var needed = 0
      let out = [UInt16](unsafeUninitializedCapacity: capacity) { buffer, count in
        let written = body(buffer.baseAddress!, Int32(capacity))
        count = max(Int(written), 0)
        if written < 0 { needed = written == Int32.min ? -1 : Int(-written) + 1 }
      }
      if needed == 0 { return out }
      if needed < 0 { return nil }
      capacity = needed
    }
    return nil
  }

  /// ICU's best guess at a byte sequence's charset, with its confidence (0–100).
  static func detectCharset(_ bytes: [UInt8]) -> (name: String, confidence: Int)? {
    var name = [CChar](repeating: 0, count: 64)
    let confidence = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { cicu_detect_charset($0.baseAddress, Int32($0.count), &name, 64) }
    }
    guard confidence >= 0 else { return nil }
    return (String(cString: name), Int(confidence))
  }

  /// Converts bytes from a named charset; nil when ICU does not know the charset.
  static func toUTF16(_ bytes: [UInt8], charset: String) -> (units: [UInt16], invalid: Int)? {
    var invalid: Int32 = 0
    let units = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { input in
        fill(initialCapacity: input.count + 1) { out, capacity in
          cicu_to_utf16(charset, input.baseAddress, Int32(input.count), out, capacity, &invalid)
        }
      }
    }
    guard let units else { return nil }
    return (units, Int(invalid))
  }

  /// What a UTF-8 conversion saw of the text on the way (see `convertWellFormedUTF8`).
  struct UTF8Seen {
    /// Control characters other than line feeds may be in it.
    let mayHoldControls: Bool
    /// It holds only units any NFC text may hold unchanged (`cicu_is_plain_nfc`), so it is NFC as it is.
    let isPlainNFC: Bool
  }

  /// UTF-16 of well-formed UTF-8, converted without ICU's converter; nil when any sequence is
  /// ill-formed (`toUTF16` then substitutes and counts them). With the units comes what the
  /// conversion saw on the way, so that decoding need not look again.
  static func convertWellFormedUTF8(_ bytes: [UInt8]) -> (units: [UInt16], seen: UTF8Seen)? {
    var flags: Int32 = 0
    // Not `init(unsafeUninitializedCapacity:)`, which looks the storage type up at run time (see
    // `Array(copies:count:)`): zeroing the room costs less.
    var units = [UInt16](copies: 0, count: bytes.count)
    let written = units.withUnsafeMutableBufferPointer { out in
      bytes.withUnsafeBufferPointer { cicu_utf8_to_utf16($0.baseAddress, Int32($0.count), out.baseAddress, Int32(out.count), &flags) }
    }
    if written < 0 { return nil }
    units.removeLast(units.count - Int(written))
    return (units, UTF8Seen(mayHoldControls: flags & Int32(CICU_SAW_CONTROL) != 0, isPlainNFC: flags & Int32(CICU_MAY_NEED_NFC) == 0))
  }

  /// NFC; text that ICU's quick check finds normalized already (most news text) is not copied.
  static func nfc(_ units: [UInt16]) -> [UInt16] { nfcIfNeeded(units).units }

  /// NFC, and whether it changed anything: text that ICU's quick check finds normalized is
  /// returned as it is, without a copy.
  static func nfcIfNeeded(_ units: [UInt16]) -> (units: [UInt16], changed: Bool) {
    units.withUnsafeBufferPointer { input in
      if cicu_nfc_span(input.baseAddress, Int32(input.count)) == input.count { return (units, false) }
      let normalized = fill(initialCapacity: input.count + input.count / 8) { out, capacity in
        cicu_nfc(input.baseAddress, Int32(input.count), out, capacity)
      } ?? units
      return (normalized, normalized != units)
    }
  }

  static func foldCase(_ units: UnsafeBufferPointer<UInt16>) -> [UInt16] {
    fill(initialCapacity: units.count + 4) { out, capacity in
      cicu_fold_case(units.baseAddress, Int32(units.count), out, capacity)
    } ?? Array(units)
  }

  enum BreakKind { case word, sentence }
}

/// An ICU break iterator opened once and reused for many texts. Not thread-safe: one per worker.
final class BreakIterator {
  private let handle: OpaquePointer
  /// Whether sentence boundaries may come from the scanner of UAX #29's rules: a sentence iterator
  /// whose rules (those of its locale, in this ICU) draw what the scanner draws on a probe text.
  let scansSentences: Bool

  init?(_ kind: ICU.BreakKind, locale: String) {
    guard let handle = cicu_breaker_open(kind == .word ? Int32(CICU_BREAK_WORD) : Int32(CICU_BREAK_SENTENCE), locale) else { return nil }
    self.handle = handle
    scansSentences = kind == .sentence && cicu_breaker_draws_as_sentence_scanner(handle) != 0
  }

  deinit { cicu_breaker_close(handle) }

  /// Every boundary of the text, without rule statuses (sentence breaks need none), written into a
  /// buffer this iterator keeps from text to text; the answer is a copy of the part written. Sentence
  /// boundaries of text within the Basic Multilingual Plane come from a scanner of UAX #29's rules,
  /// which needs no rule automaton, when this iterator's rules agree with it (`scansSentences`).
  func positions(in units: [UInt16]) -> [Int32] {
    positions(in: units, scanning: scansSentences)
  }

  /// `positions(in:)`, from ICU's iterator alone when `scanning` is false.
  func positions(in units: [UInt16], scanning: Bool) -> [Int32] {
    let capacity = units.count + 2
    if scratch.count < capacity { scratch = [Int32](copies: 0, count: max(capacity, 2 * scratch.count)) }
    let count = scratch.withUnsafeMutableBufferPointer { out in
      units.withUnsafeBufferPointer { text in
        let scanned = scanning ? cicu_sentence_boundaries(text.baseAddress, Int32(text.count), out.baseAddress, Int32(capacity)) : -1
        return scanned >= 0 ? scanned : cicu_breaker_run(handle, text.baseAddress, Int32(text.count), out.baseAddress, nil, Int32(capacity))
      }
    }
    return Array(scratch[..<max(Int(count), 0)])
  }

  private var scratch: [Int32] = []
  /// Room for the word pieces of a text (see `WordBreaker.alphabeticPieces`), kept from text to text.
  var pieces: [cicu_piece] = []

  func boundaries(in units: [UInt16]) -> (positions: [Int32], statuses: [Int32]) {
    let capacity = units.count + 2
    var statuses: [Int32] = []
    let positions = [Int32](unsafeUninitializedCapacity: capacity) { positions, positionCount in
      statuses = [Int32](unsafeUninitializedCapacity: capacity) { statuses, statusCount in
        let count = units.withUnsafeBufferPointer { text in
          cicu_breaker_run(handle, text.baseAddress, Int32(text.count), positions.baseAddress, statuses.baseAddress, Int32(capacity))
        }
        statusCount = max(Int(count), 0)
      }
      positionCount = statuses.count
    }
    return (positions, statuses)
  }
}

/// An ICU transliterator (for example "Any-Latin; Latin-ASCII"). Not thread-safe: one per worker.
final class Transliterator {
  private let handle: OpaquePointer

  init?(_ identifier: String) {
    guard let handle = cicu_transliterator_open(identifier) else { return nil }
    self.handle = handle
  }

  deinit { cicu_transliterator_close(handle) }

  func transliterate(_ units: [UInt16]) -> [UInt16] {
    var capacity = units.count * 3 + 8
    for _ in 0..<3 {
      var buffer = units + [UInt16](repeating: 0, count: capacity - units.count)
      let length = buffer.withUnsafeMutableBufferPointer {
        cicu_transliterate(handle, $0.baseAddress, Int32(units.count), Int32(capacity))
      }
      if length >= 0 {
        buffer.removeSubrange(Int(length)...)
        return buffer
      }
      if length == Int32.min { return units }
      capacity = Int(-length) + 8
    }
    return units
  }
}
