import CICU

/// Splits UTF-16 text into tokens at ICU word boundaries, dropping whitespace. Words (letters or
/// digits) and punctuation marks both become tokens; each punctuation mark is a token of its own.
/// Lexicon patterns are split by the same rules, so text and lexicon always agree on token edges.
enum WordBreaker {
  struct Piece {
    let start: Int
    let end: Int
    /// True for ICU word statuses of letters, numbers, kana and ideographs.
    let isWord: Bool
  }

  static func pieces(_ units: [UInt16], breaker: BreakIterator) -> [Piece] {
    if let pieces = alphabeticPieces(units) { return pieces }
    return icuPieces(units, breaker: breaker)
  }

  /// The same pieces, drawn by a scanner of the rules for alphabetic scripts (letters, digits and the
  /// marks that join them) that needs no break iterator; nil for text with other characters (CJK,
  /// complex scripts, Hebrew, emoji sequences, astral characters). ICU's iterator walks a generic rule
  /// automaton and reports each boundary through calls; on news text this scanner is several times faster.
  static func alphabeticPieces(_ units: [UInt16]) -> [Piece]? {
    guard !units.isEmpty else { return [] }
    var failed = false
    let raw = [Int32](unsafeUninitializedCapacity: 3 * units.count) { buffer, initialized in
      let count = units.withUnsafeBufferPointer { text in
        cicu_word_pieces(text.baseAddress, Int32(text.count), buffer.baseAddress, Int32(text.count))
      }
      failed = count < 0
      initialized = 3 * max(Int(count), 0)
    }
    guard !failed else { return nil }
    var pieces: [Piece] = []
    pieces.reserveCapacity(raw.count / 3)
    var index = 0
    while index < raw.count {
      pieces.append(Piece(start: Int(raw[index]), end: Int(raw[index + 1]), isWord: raw[index + 2] != 0))
      index += 3
    }
    return pieces
  }

  /// Pieces from ICU's break iterator.
  static func icuPieces(_ units: [UInt16], breaker: BreakIterator) -> [Piece] {
    let (positions, statuses) = breaker.boundaries(in: units)
    var result: [Piece] = []
    result.reserveCapacity(positions.count / 2)
    var index = 1
    while index < positions.count {
      let start = Int(positions[index - 1]), end = Int(positions[index])
      let status = statuses[index]
      if status >= 100 {
        result.append(Piece(start: start, end: end, isWord: true))
      } else {
        // Not a word: one token per non-space character (ICU keeps runs like "..." or " – " together).
        var position = start
        while position < end {
          let unit = units[position]
          let width = UTF16.isLeadSurrogate(unit) && position + 1 < end ? 2 : 1
          if !TextDecoder.isWhitespace(unit) && unit != 0x0A && unit != 0x0D {
            result.append(Piece(start: position, end: position + width, isWord: false))
          }
          position += width
        }
      }
      index += 1
    }
    return result
  }
}
