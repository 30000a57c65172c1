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
    /// The key folder's hash of the piece's units (`KeyFolder.hash`), taken while they are at hand.
    let hash: UInt64

    init(start: Int, end: Int, isWord: Bool, hash: UInt64) {
      self.start = start
      self.end = end
      self.isWord = isWord
      self.hash = hash
    }

    init(start: Int, end: Int, isWord: Bool, in units: UnsafeBufferPointer<UInt16>) {
      self.init(start: start, end: end, isWord: isWord, hash: KeyFolder.hash(UnsafeBufferPointer(rebasing: units[start..<end])))
    }
  }

  static func pieces(_ units: [UInt16], breaker: BreakIterator) -> [Piece] {
    if let pieces = alphabeticPieces(units, scratch: breaker) { return pieces }
    return icuPieces(units, breaker: breaker)
  }

  /// The same pieces, drawn by a scanner of the rules for alphabetic scripts (letters, digits and the
  /// marks that join them) that needs no break iterator; nil for text with other characters (CJK,
  /// complex scripts, Hebrew, emoji sequences, astral characters). ICU's iterator walks a generic rule
  /// automaton and reports each boundary through calls; on news text this scanner is several times faster.
  static func alphabeticPieces(_ units: [UInt16], scratch: BreakIterator) -> [Piece]? {
    guard !units.isEmpty else { return [] }
    if scratch.pieces.count < units.count {
      scratch.pieces = [cicu_piece](copies: cicu_piece(), count: max(units.count, 2 * scratch.pieces.count))
    }
    let count = Int(units.withUnsafeBufferPointer { text in
      scratch.pieces.withUnsafeMutableBufferPointer { out in
        cicu_word_pieces(text.baseAddress, Int32(text.count), out.baseAddress, Int32(out.count))
      }
    })
    guard count >= 0 else { return nil }
    var pieces: [Piece] = []
    pieces.reserveCapacity(count)
    scratch.pieces.withUnsafeBufferPointer { drawn in
      for piece in drawn[..<count] {
        pieces.append(Piece(start: Int(piece.start), end: Int(piece.end), isWord: piece.is_word != 0, hash: piece.hash))
      }
    }
    return pieces
  }

  /// Pieces from ICU's break iterator.
  static func icuPieces(_ units: [UInt16], breaker: BreakIterator) -> [Piece] {
    let (positions, statuses) = breaker.boundaries(in: units)
    return units.withUnsafeBufferPointer { units in
      var result: [Piece] = []
      result.reserveCapacity(positions.count / 2)
      var index = 1
      while index < positions.count {
        let start = Int(positions[index - 1]), end = Int(positions[index])
        if statuses[index] >= 100 {
          result.append(Piece(start: start, end: end, isWord: true, in: units))
        } else {
          // Not a word: one token per non-space character (ICU keeps runs like "..." or " – " together).
          var position = start
          while position < end {
            let unit = units[position]
            let width = UTF16.isLeadSurrogate(unit) && position + 1 < end ? 2 : 1
            if !TextDecoder.isWhitespace(unit) && unit != 0x0A && unit != 0x0D {
              result.append(Piece(start: position, end: position + width, isWord: false, in: units))
            }
            position += width
          }
        }
        index += 1
      }
      return result
    }
  }
}
