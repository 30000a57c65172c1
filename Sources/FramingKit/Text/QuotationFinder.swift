/// Finds quotation spans in one paragraph: „…” „…“ »…« «…» “…” "…" ‚…‘ ‹…›, nested. A quote left
/// open is closed at the paragraph end. A short quoted phrase (three words or fewer, no sentence
/// punctuation inside, not introduced by a colon or followed by a reporting dash) is a scare quote,
/// or a name when every word is capitalized or a number; anything longer is a quotation.
enum QuotationFinder {
  static let scareQuoteMaximumWords = 3

  /// Marks that can only open, with the marks that close them.
  private static let openers: [UInt16: Set<UInt16>] = [
    0x201E: [0x201D, 0x201C],  // „ … ” or “
    0x201A: [0x2018, 0x2019],  // ‚ … ‘ or ’
    0x2039: [0x203A],  // ‹ … ›
  ]
  /// Marks that open when nothing they close is open: “ » « and the straight quote.
  private static let ambiguous: [UInt16: Set<UInt16>] = [
    0x201C: [0x201D],  // “ … ”
    0x00AB: [0x00BB],  // « … »
    0x00BB: [0x00AB],  // » … «
    0x0022: [0x0022],  // " … "
  ]

  static func find(in range: Range<Int>, document: Document, tokens: [Token]) -> [Quotation] {
    let units = document.utf16
    var stack: [(position: Int, closers: Set<UInt16>)] = []
    var found: [(start: Int, end: Int, depth: Int, closed: Bool)] = []
    var position = range.lowerBound
    while position < range.upperBound {
      // Most units are no quotation mark: skip them eight at a time.
      position = units.withUnsafeBufferPointer { Typography.firstQuotationMark(in: $0, from: position, to: range.upperBound) }
      guard position < range.upperBound else { break }
      let unit = units[position]
      if let top = stack.last, top.closers.contains(unit), canClose(units, at: position, range: range) {
        stack.removeLast()
        found.append((top.position, position + 1, stack.count, true))
      } else if let closers = openers[unit] {
        stack.append((position, closers))
      } else if let closers = ambiguous[unit], canOpen(units, at: position, range: range) {
        stack.append((position, closers))
      }
      position += 1
    }
    while let open = stack.popLast() {
      found.append((open.position, range.upperBound, stack.count, false))
    }
    return found.sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }.map { quote in
      let innerStart = min(quote.start + 1, quote.end)
      let innerEnd = quote.closed ? quote.end - 1 : quote.end
      return Quotation(span: document.span(utf16: quote.start, quote.end),
                       inner: document.span(utf16: innerStart, innerEnd),
                       kind: kind(units, innerStart..<innerEnd, quoteStart: quote.start, quoteEnd: quote.end, line: range, tokens: tokens),
                       depth: quote.depth, closed: quote.closed)
    }
  }

  private static let openingContext = Typography.openingBrackets.union(Typography.dashes).union(Typography.quotationMarks)
    .union("/".utf16)

  /// An ambiguous mark opens at the start of a line or after a space, dash, bracket or another quote.
  private static func canOpen(_ units: [UInt16], at position: Int, range: Range<Int>) -> Bool {
    guard position > range.lowerBound else { return true }
    let before = units[position - 1]
    return TextDecoder.isWhitespace(before) || openingContext.contains(before)
  }

  /// A straight quote closes unless it stands alone between spaces.
  private static func canClose(_ units: [UInt16], at position: Int, range: Range<Int>) -> Bool {
    guard units[position] == 0x22 else { return true }
    let spaceBefore = position == range.lowerBound || TextDecoder.isWhitespace(units[position - 1])
    let spaceAfter = position + 1 >= range.upperBound || TextDecoder.isWhitespace(units[position + 1])
    return !(spaceBefore && !spaceAfter)
  }

  private static func kind(_ units: [UInt16], _ inner: Range<Int>, quoteStart: Int, quoteEnd: Int, line: Range<Int>,
                           tokens: [Token]) -> Quotation.Kind {
    let lineStart = line.lowerBound
    var words = 0
    var capitalized = 0
    var index = tokens.partitioningIndex { Int($0.utf16Start) >= inner.lowerBound }
    while index < tokens.count && Int(tokens[index].utf16End) <= inner.upperBound {
      if tokens[index].isWord {
        words += 1
        if words > scareQuoteMaximumWords { return .quotation }  // long: no need to look at capitals
        let first = Segmenter.scalar(units, at: Int(tokens[index].utf16Start))
        if Typography.isUppercase(first) || Typography.isNumeric(first) { capitalized += 1 }
      }
      index += 1
    }
    if words == 0 { return .quotation }
    // Sentence punctuation inside (".", "!", "?"): compared unit by unit, not through a string's view.
    if units[inner].contains(where: { $0 == 0x2E || $0 == 0x21 || $0 == 0x3F }) { return .quotation }
    if capitalized == words { return .name }
    var before = quoteStart - 1
    while before >= lineStart && TextDecoder.isWhitespace(units[before]) { before -= 1 }
    if before >= lineStart && units[before] == Typography.colon { return .quotation }
    // Speech followed by its reporting clause: „Pomożemy” – powiedział; «Мы поможем», — сказал.
    var after = quoteEnd
    while after < line.upperBound && (TextDecoder.isWhitespace(units[after]) || units[after] == Typography.comma) { after += 1 }
    if after < line.upperBound && Typography.isDash(units[after]) { return .quotation }
    return .scareQuote
  }
}

extension Array {
  /// The first index whose element satisfies a predicate that is false, then true, along the array.
  func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
    var low = 0, high = count
    while low < high {
      let middle = (low + high) / 2
      if predicate(self[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
