/// The slots a pattern may leave for the source registry to fill.
public enum SlotKind: String, CaseIterable, Hashable, Sendable {
  /// Any registry entity.
  case source
  /// A registry entity that is a person.
  case person
}

/// One element of a lexicon pattern.
public enum PatternElement: Hashable, Sendable {
  /// A word form, compared by folded key (and by loose key for words of four letters or more).
  case word(FoldedKey)
  /// A stem: any token whose folded or loose key starts with it.
  case stem(FoldedKey)
  /// A registry mention fills the slot.
  case slot(SlotKind)
  /// A word of a shape defined in the language's `shapes.yaml` (`<infinitive>`).
  case shape(String)
  /// Zero to `Pattern.maximumGap` tokens of the same sentence.
  case gap
}

/// A lexicon form compiled into elements: "według {source}", "Łukaszenk*", "fügte … hinzu".
public struct Pattern: Hashable, Sendable {
  public static let maximumGap = 4
  public static let maximumLength = 12

  public let text: String
  public let elements: [PatternElement]

  public var slots: [SlotKind] {
    elements.compactMap { if case .slot(let kind) = $0 { kind } else { nil } }
  }

  public var shapes: [String] {
    elements.compactMap { if case .shape(let name) = $0 { name } else { nil } }
  }

  /// Parses a form. Throws a reason (without location) when the form is malformed.
  static func parse(_ text: String, folder: KeyFolder, allowElements: Bool) throws(PatternSyntaxError) -> Pattern {
    let trimmed = Self.trimmingWhitespace(text)
    guard !trimmed.isEmpty else { throw PatternSyntaxError("empty form") }
    var elements: [PatternElement] = []
    // Pieces are cut at spaces on UTF-16 units: splitting a String walks grapheme clusters, which
    // was most of the time spent reading lexicons.
    let units = Array(trimmed.utf16)
    for piece in units.split(separator: 0x20, omittingEmptySubsequences: true) {
      var pieceText: String { Document.string(fromUTF16: Array(piece)) }  // for messages only
      if piece.count >= 2 && piece.first == 0x7B && piece.last == 0x7D {  // {slot}
        let name = Document.string(fromUTF16: Array(piece.dropFirst().dropLast()))
        guard let kind = SlotKind(rawValue: name) else {
          throw PatternSyntaxError("unknown slot '\(pieceText)' in form '\(text)'; slots are {source} and {person}")
        }
        guard allowElements else { throw PatternSyntaxError("slot '\(pieceText)' is not allowed in this kind of lexicon") }
        elements.append(.slot(kind))
      } else if piece.count > 2 && piece.first == 0x3C && piece.last == 0x3E {  // <shape>
        guard allowElements else { throw PatternSyntaxError("shape '\(pieceText)' is not allowed in this kind of lexicon") }
        elements.append(.shape(Document.string(fromUTF16: Array(piece.dropFirst().dropLast()))))
      } else if piece.count == 1 && piece.first == 0x2026 {  // …
        guard allowElements else { throw PatternSyntaxError("gap '…' is not allowed in this kind of lexicon") }
        elements.append(.gap)
      } else {
        // A '*' ends a stem; it may close any ICU token of the piece ("держав*-терорист*").
        var body: [UInt16] = []
        body.reserveCapacity(piece.count)
        var stemEnds: [Int] = []
        for unit in piece {
          if unit == 0x2A { stemEnds.append(body.count) } else { body.append(unit) }
        }
        // A run of letters is one word under ICU's rules for alphabetic scripts; only pieces with
        // other characters need the break iterator.
        let tokens = Self.isLetterRun(body) ? [body.withUnsafeBufferPointer { WordBreaker.Piece(start: 0, end: body.count, isWord: true, in: $0) }]
          : WordBreaker.pieces(body, breaker: folder.wordBreaker)
        guard !tokens.isEmpty else { throw PatternSyntaxError("form '\(text)' has no word in '\(pieceText)'") }
        if !stemEnds.allSatisfy({ end in tokens.contains { $0.isWord && $0.end == end } }) {
          throw PatternSyntaxError("'*' may only end a word, in form '\(text)'")
        }
        for token in tokens {
          let id = body.withUnsafeBufferPointer { folder.id(of: UnsafeBufferPointer(rebasing: $0[token.start..<token.end])) }
          let key = folder.key(id: id)
          if stemEnds.contains(token.end) && token.isWord {
            guard key.foldedScalars.count >= 3 else {
              throw PatternSyntaxError("stem '\(key.folded)*' is shorter than 3 letters; it would match too much")
            }
            elements.append(.stem(key))
          } else {
            elements.append(.word(key))
          }
        }
      }
    }
    if elements.first == .gap || elements.last == .gap {
      throw PatternSyntaxError("form '\(text)' starts or ends with a gap")
    }
    if elements.count > maximumLength {
      throw PatternSyntaxError("form '\(text)' has \(elements.count) tokens; the limit is \(maximumLength)")
    }
    if elements.allSatisfy({ if case .slot = $0 { true } else if case .gap = $0 { true } else { false } }) {
      throw PatternSyntaxError("form '\(text)' has no word of its own")
    }
    return Pattern(text: trimmed, elements: elements)
  }
}

extension Pattern {
  static func trimmingWhitespace(_ text: String) -> String {
    // Most forms start and end with a visible ASCII character: nothing to trim.
    if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
      return text
    }
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
          let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return text }
    return String(scalars[first...last])
  }

  /// Latin, Greek or Cyrillic letters only (no marks, digits, punctuation or other scripts).
  static func isLetterRun(_ units: [UInt16]) -> Bool {
    !units.isEmpty && units.allSatisfy { unit in
      (unit >= 0x61 && unit <= 0x7A) || (unit >= 0x41 && unit <= 0x5A)
        || (unit >= 0xC0 && unit <= 0x24F && unit != 0xD7 && unit != 0xF7)
        || (unit >= 0x0386 && unit <= 0x03FF && unit != 0x0387) || (unit >= 0x0400 && unit <= 0x0481) || (unit >= 0x048A && unit <= 0x052F)
    }
  }
}

/// A malformed form; the loader adds the file and line.
struct PatternSyntaxError: Error {
  let reason: String
  init(_ reason: String) { self.reason = reason }
}
