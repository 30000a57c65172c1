/// Typographic marks read by the text layer and the who-speaks stage: quotation marks, brackets and
/// dashes. They are typography, the same in every language framing reads, not lexicon data.
enum Typography {
  /// Quotation marks of every style framing reads („…” „…“ »…« «…» “…” "…" ‚…‘ ‹…›), not the straight apostrophe.
  static let quotationMarks: Set<UInt16> = Set("„“”«»‚‘’‹›\"".utf16)
  static let openingBrackets: Set<UInt16> = Set("([{".utf16)
  static let closingBrackets: Set<UInt16> = Set(")]}".utf16)
  /// En dash, em dash, figure dash, horizontal bar, minus sign and hyphen-minus.
  static let dashes: Set<UInt16> = [0x2013, 0x2014, 0x2012, 0x2015, 0x2212, 0x2D]
  static let sentenceEnds: Set<UInt16> = Set(".!?…".utf16)
  static let apostrophe: UInt16 = 0x27
  /// Marks that tokens carry (`Token.mark`) and the who-speaks stage tests.
  static let comma: UInt16 = 0x2C, colon: UInt16 = 0x3A, semicolon: UInt16 = 0x3B
  static let openingParenthesis: UInt16 = 0x28, closingParenthesis: UInt16 = 0x29
  static let slash: UInt16 = 0x2F, verticalBar: UInt16 = 0x7C

  /// `quotationMarks` as comparisons, for scans that test every unit of a text (a set, or even a static
  /// table, costs a lazy-initialization check per unit); `TypographyTests` holds the two equal.
  /// Ordered so that letters (below U+2018) take two comparisons.
  static func isQuotationMark(_ unit: UInt16) -> Bool {
    if unit < 0x2018 { return unit == 0x22 || unit == 0xAB || unit == 0xBB }
    if unit <= 0x201E { return unit != 0x201B }
    return unit == 0x2039 || unit == 0x203A
  }

  /// The position of the first quotation mark in `units[start..<end]`, or `end`. Most text holds
  /// none: a block of eight is passed over when none of its units is a straight quote, a guillemet
  /// or in U+2000–U+203F (where the curly quotes are).
  static func firstQuotationMark(in units: UnsafeBufferPointer<UInt16>, from start: Int, to end: Int) -> Int {
    let straight = SIMD8<UInt16>(repeating: 0x22), left = SIMD8<UInt16>(repeating: 0xAB), right = SIMD8<UInt16>(repeating: 0xBB)
    let block = SIMD8<UInt16>(repeating: 0xFFC0), punctuation = SIMD8<UInt16>(repeating: 0x2000)
    return UnitScan.first(in: units, from: start, to: end, where: isQuotationMark) { chunk in
      any((chunk .== straight) .| (chunk .== left) .| (chunk .== right) .| ((chunk & block) .== punctuation))
    }
  }

  /// `openingBrackets` as comparisons.
  static func isOpeningBracket(_ unit: UInt16) -> Bool { unit == openingParenthesis || unit == 0x5B || unit == 0x7B }

  /// `dashes` as a switch (a token's `mark`; 0 is no dash).
  static func isDash(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x2D, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: true
    default: false
    }
  }

  // Letter case and kind, answered for ASCII, Latin-1 letters and basic Cyrillic without Unicode's
  // property tables (`TypographyTests` holds them to the tables): sentence breaks and quoted
  // phrases ask them of the letters around them.
  static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0..<0x80: (0x61...0x7A).contains(scalar.value)
    case 0xC0..<0x100: scalar.value >= 0xDF && scalar.value != 0xF7
    case 0x400..<0x460: scalar.value >= 0x430
    default: scalar.properties.isLowercase
    }
  }
  static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0..<0x80: (0x41...0x5A).contains(scalar.value)
    case 0xC0..<0x100: scalar.value < 0xDF && scalar.value != 0xD7
    case 0x400..<0x460: scalar.value < 0x430
    default: scalar.properties.isUppercase
    }
  }
  static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0..<0x80: isLowercase(scalar) || isUppercase(scalar)
    case 0xC0..<0x100: scalar.value != 0xD7 && scalar.value != 0xF7
    case 0x400..<0x460: true
    default: scalar.properties.isAlphabetic
    }
  }
  static func isNumeric(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0..<0x80: (0x30...0x39).contains(scalar.value)
    case 0xC0..<0x100, 0x400..<0x460: false
    default: scalar.properties.numericType != nil
    }
  }
}

/// Searches over UTF-16 units that pass over eight units at a time where a quick test of the block
/// shows it holds no unit sought.
enum UnitScan {
  /// The position of the first unit in `units[start..<end]` that `matches`, or `end`; `mayHold` must
  /// be true of every block of eight holding such a unit.
  @inline(__always)
  static func first(in units: UnsafeBufferPointer<UInt16>, from start: Int, to end: Int, where matches: (UInt16) -> Bool,
                    mayHold: (SIMD8<UInt16>) -> Bool) -> Int {
    var position = start
    if let base = units.baseAddress {
      let raw = UnsafeRawPointer(base)
      while position + 8 <= end {
        if mayHold(raw.loadUnaligned(fromByteOffset: 2 * position, as: SIMD8<UInt16>.self)) {
          for candidate in position..<position + 8 where matches(units[candidate]) { return candidate }
        }
        position += 8
      }
    }
    while position < end && !matches(units[position]) { position += 1 }
    return position
  }
}
