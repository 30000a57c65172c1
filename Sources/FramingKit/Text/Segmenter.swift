/// Turns a `Document` into `SegmentedText`: tokens with keys, language, boilerplate and credit lines,
/// title, paragraphs, sentences and quotations. Holds per-worker caches, so each worker owns one.
///
/// Sentences are ICU's, merged back where ICU split after an abbreviation of the language's
/// `abbreviations.yaml` (always for `inner` ones, before a lowercase word or a digit for `ambiguous`
/// ones), after an initial ("G."), or before a dash-led or lowercase continuation of direct speech
/// ("– Trzeba to zrobić! – mówił Łukaszenka." stays one sentence).
public final class Segmenter {
  public let lexicons: LexiconSet
  let folder = KeyFolder()
  /// For each form number, the languages whose function words list it (bit per `Language.analyzed` index).
  private var functionWordMasks: [UInt8] = []
  private var cachedGeneration = 0
  /// For each function word (by folded scalars), the languages that list it (bit per
  /// `Language.analyzed` index); 0 for any other form.
  private let functionWordLanguages = ScalarMap()
  /// For each scalar below the end of `LexiconKind.letterRange`: the languages whose alphabets have it,
  /// when it is a letter that not every alphabet of its script has (the `letter` entries of
  /// `function-words.yaml`); 0 for any other.
  private let letterLanguages: [UInt8]
  /// A line with more words than this is never headline-like.
  static let headlineMaximumWords = 16
  /// This many headline-like lines in a row are a teaser list, not article text.
  static let headlineRunMinimum = 3

  public init(lexicons: LexiconSet) {
    self.lexicons = lexicons
    var letterLanguages = [UInt8](repeating: 0, count: Int(LexiconKind.letterRange.upperBound))
    for (bit, language) in Language.analyzed.enumerated() {
      for word in lexicons.functionWords[language] ?? [] {
        functionWordLanguages[word.unicodeScalars.map(\.value)] |= 1 << UInt8(bit)
      }
      // The loader admits letters within `LexiconKind.letterRange` only.
      for letter in lexicons.letters[language] ?? [] { letterLanguages[letter] |= 1 << UInt8(bit) }
    }
    self.letterLanguages = letterLanguages
  }

  /// What segmenting text of one language reads: its compiled lexicon, a term cache over its
  /// vocabulary, and its sentence breaker.
  private struct LanguageTools {
    let compiled: CompiledLanguage?
    let terms: TermCache?
    let breaker: BreakIterator?
  }

  /// Made once per language (and again after the key folder starts afresh, as the term caches are per
  /// form), with the last language's at hand: a corpus is mostly in one language, and looking them up
  /// by language (the compiled lexicon behind a lock) cost about a hundredth of a short article.
  private var toolsByLanguage: [Language: LanguageTools] = [:]
  private var lastTools: (language: Language, tools: LanguageTools)?

  private func tools(_ language: Language) -> LanguageTools {
    if let lastTools, lastTools.language == language { return lastTools.tools }
    let tools = toolsByLanguage[language] ?? {
      let compiled = lexicons.compiled(language)
      return LanguageTools(compiled: compiled, terms: compiled.map { TermCache(vocabulary: $0.vocabulary) },
                           breaker: BreakIterator(.sentence, locale: language.locale))
    }()
    toolsByLanguage[language] = tools
    lastTools = (language, tools)
    return tools
  }

  /// Drops per-form caches when the key folder started afresh.
  private func syncCaches() {
    folder.resetIfFull()
    if cachedGeneration != folder.generation {
      cachedGeneration = folder.generation
      toolsByLanguage.removeAll()
      lastTools = nil
      functionWordMasks.removeAll()
    }
  }

  /// Each token's function-word languages as bits (0 for punctuation and other words).
  private func functionWordVotes(_ tokens: [Token]) -> [UInt8] {
    let known = folder.store.count
    let keys = folder.store
    // Forms are numbered as they come: the new ones since the last text are looked up here in number
    // order, the map's slot of the one a few places ahead loading meanwhile (the map is read only for
    // new forms, and is out of the nearer caches by then).
    if functionWordMasks.count < known {
      let first = functionWordMasks.count, distance = 4
      for form in first..<known {
        if form + distance < known { functionWordLanguages.prefetch(keys.folded(Int32(form + distance))) }
        functionWordMasks.append(functionWordLanguages[keys.folded(Int32(form))])
      }
    }
    // Read through buffers: through the class, every token's read would retain the table.
    var votes = [UInt8](copies: 0, count: tokens.count)
    votes.withUnsafeMutableBufferPointer { votes in
      tokens.withUnsafeBufferPointer { tokens in
        functionWordMasks.withUnsafeBufferPointer { masks in
          for index in tokens.indices where tokens[index].isWord { votes[index] = masks[Int(tokens[index].form)] }
        }
      }
    }
    return votes
  }

  /// The languages whose alphabets have every marked letter of a form (0 when it has none, or when no
  /// alphabet has them all). Read only for texts too short for function words to decide.
  private func alphabets(of folded: UnsafeBufferPointer<UInt32>) -> UInt8 {
    var fitting: UInt8 = 0xFF
    var marked = false
    for scalar in folded where LexiconKind.letterRange.contains(scalar) {
      let languages = letterLanguages[Int(scalar)]
      if languages != 0 {
        fitting &= languages
        marked = true
      }
    }
    return marked ? fitting : 0
  }

  public func segment(_ document: Document, language forced: Language? = nil) -> SegmentedText {
    syncCaches()
    let units = document.utf16
    let tokens = tokenize(document)
    let lines = Self.lines(units, tokens: tokens)
    // Each token's function-word languages, read once for the document and again for its paragraphs.
    let votes = functionWordVotes(tokens)
    let guess = forced.map { LanguageGuess(language: $0, confidence: 1) }
      ?? identifyLanguage(votes[...])
      ?? document.metadata.language.flatMap(Language.init(rawValue:)).map { LanguageGuess(language: $0, confidence: 0) }
      ?? identifyLanguage(votes[...], letters: tokens.map { $0.isWord ? alphabets(of: folder.store.folded($0.form)) : 0 })
      ?? LanguageGuess(language: .und, confidence: 0)
    let tools = tools(guess.language)
    let compiled = tools.compiled
    let terms = tools.terms.map { TokenTerms(forms: tokens.map(\.form), keys: folder.store, cache: $0) }

    let classes = classify(lines, tokens: tokens, units: units, compiled: compiled, terms: terms)
    var boilerplate: [BoilerplateSpan] = []
    var credits: [CreditSpan] = []
    var bodyLines: [Line] = []
    var titleLine: Line?
    for (line, lineClass) in zip(lines, classes) {
      switch lineClass {
      case .blank: break
      case .boilerplate(let reason):
        boilerplate.append(BoilerplateSpan(span: document.span(utf16: line.start, line.end), reason: reason,
                                           text: document.string(utf16: line.start, line.end)))
      case .credit:
        credits.append(CreditSpan(span: document.span(utf16: line.start, line.end), text: document.string(utf16: line.start, line.end),
                                  tokens: line.tokens))
      case .title: titleLine = line
      case .body: bodyLines.append(line)
      }
    }

    let breaks = tools.breaker?.positions(in: units) ?? []
    var sentences: [Sentence] = []
    var paragraphs: [Paragraph] = []
    var quotations: [Quotation] = []
    // At most a sentence per line and per break: room for all of them at once, not by doubling.
    sentences.reserveCapacity(bodyLines.count + breaks.count + 1)
    paragraphs.reserveCapacity(bodyLines.count)
    if let titleLine {
      sentences.append(Sentence(span: document.span(utf16: titleLine.start, titleLine.end), tokens: titleLine.tokens,
                                paragraph: -1, utf16Start: titleLine.start, utf16End: titleLine.end))
      quotations += QuotationFinder.find(in: titleLine.start..<titleLine.end, document: document, tokens: tokens)
    }
    for line in bodyLines {
      let first = sentences.count
      // Sentences come in order: each one's tokens are searched from where the previous one's ended.
      var remaining = line.tokens
      for range in sentenceRanges(line, breaks: breaks, units: units, compiled: compiled) {
        let tokenRange = Self.tokenRange(tokens, from: range.lowerBound, to: range.upperBound, within: remaining)
        remaining = tokenRange.upperBound..<line.tokens.upperBound
        sentences.append(Sentence(span: document.span(utf16: range.lowerBound, range.upperBound), tokens: tokenRange,
                                  paragraph: paragraphs.count, utf16Start: range.lowerBound, utf16End: range.upperBound))
      }
      let language = identifyLanguage(votes[line.tokens]) ?? LanguageGuess(language: guess.language, confidence: 0)
      paragraphs.append(Paragraph(span: document.span(utf16: line.start, line.end), language: language,
                                  sentences: first..<sentences.count))
      quotations += QuotationFinder.find(in: line.start..<line.end, document: document, tokens: tokens)
    }
    return SegmentedText(document: document, language: guess, boilerplate: boilerplate, credits: credits,
                         paragraphs: paragraphs, sentences: sentences, tokens: tokens, quotations: quotations,
                         warnings: document.warnings, lexicon: compiled, terms: terms, keyStore: folder.store)
  }

  // MARK: - Tokens and lines

  private func tokenize(_ document: Document) -> [Token] {
    let units = document.utf16
    return units.withUnsafeBufferPointer { buffer in
      let pieces = WordBreaker.pieces(units, breaker: folder.wordBreaker)
      let forms = folder.ids(of: pieces, in: buffer)
      return zip(pieces, forms).map { piece, form in
        Token(span: document.span(utf16: piece.start, piece.end), utf16Start: Int32(piece.start),
              utf16End: Int32(piece.end), isWord: piece.isWord, form: form,
              mark: !piece.isWord && piece.end - piece.start == 1 ? buffer[piece.start] : 0)
      }
    }
  }

  struct Line {
    /// UTF-16 range with surrounding whitespace trimmed.
    let start: Int
    let end: Int
    let tokens: Range<Int>
    var isBlank: Bool { tokens.isEmpty }
  }

  static func lines(_ units: [UInt16], tokens: [Token]) -> [Line] {
    var lines: [Line] = []
    var lineStart = 0
    var tokenIndex = 0
    units.withUnsafeBufferPointer { buffer in
      var position = 0
      while position <= buffer.count {
        position = nextLineEnd(buffer, from: position)
        var start = lineStart, end = position
        while start < end && TextDecoder.isWhitespace(buffer[start]) { start += 1 }
        while end > start && TextDecoder.isWhitespace(buffer[end - 1]) { end -= 1 }
        let firstToken = tokenIndex
        while tokenIndex < tokens.count && Int(tokens[tokenIndex].utf16Start) < position { tokenIndex += 1 }
        lines.append(Line(start: start, end: end, tokens: firstToken..<tokenIndex))
        lineStart = position + 1
        position += 1
      }
    }
    return lines
  }

  /// The position of the next "\n" at or after `start`, or the text's end; eight units at a time.
  private static func nextLineEnd(_ units: UnsafeBufferPointer<UInt16>, from start: Int) -> Int {
    let newline = SIMD8<UInt16>(repeating: 0x0A)
    return UnitScan.first(in: units, from: start, to: units.count, where: { $0 == 0x0A }) { any($0 .== newline) }
  }

  static func tokenRange(_ tokens: [Token], from start: Int, to end: Int, within range: Range<Int>) -> Range<Int> {
    var low = range.lowerBound
    while low < range.upperBound && Int(tokens[low].utf16Start) < start { low += 1 }
    var high = low
    while high < range.upperBound && Int(tokens[high].utf16End) <= end { high += 1 }
    return low..<high
  }

  // MARK: - Language

  /// Votes of function words (`masks`: each token's languages as bits, 0 for a token that is no function
  /// word), each counted for the languages of its script that list it; three or more decide. A whole
  /// text with fewer (a headline, a short item) may be told by its marked letters (`letters`: each
  /// token's alphabets, see `alphabets(of:)`): at least two words have them, and the languages whose
  /// alphabets have all of them are one ("України": only Ukrainian writes "ї"), or several of which
  /// function words favour one. Anything else stays undetermined: a paragraph then takes its
  /// document's language. A language given with the article outranks its letters.
  func identifyLanguage(_ masks: ArraySlice<UInt8>, letters: [UInt8]? = nil) -> LanguageGuess? {
    // Votes per language in a vector on the stack: this runs for every paragraph.
    let languages = Language.analyzed.count
    precondition(languages <= 8, "more analyzed languages than language masks hold")
    var votes = SIMD8<Int>()
    /// Counts a voting token for each language among its bits.
    func count(_ languages: UInt8) {
      for bit in 0..<8 where languages & (1 << UInt8(bit)) != 0 { votes[bit] += 1 }
    }
    var voters = 0
    for mask in masks where mask != 0 {
      voters += 1
      count(mask)
    }
    if voters >= 3, let best = (0..<languages).max(by: { votes[$0] != votes[$1] ? votes[$0] < votes[$1] : $0 > $1 }) {
      return Self.guess(best, votes)
    }
    guard let letters else { return nil }
    let functionWordVotes = votes
    var marked = 0
    var fitting: UInt8 = 0xFF
    for languages in letters where languages != 0 {
      marked += 1
      fitting &= languages
      count(languages)
    }
    guard marked >= 2, fitting != 0 else { return nil }
    let candidates = (0..<languages).filter { fitting & (1 << UInt8($0)) != 0 }
    if candidates.count == 1 { return Self.guess(candidates[0], votes) }
    // Several alphabets fit: function words must favour one of them.
    let favoured = candidates.map { functionWordVotes[$0] }
    guard let top = favoured.max(), top > 0, favoured.count(where: { $0 == top }) == 1,
          let winner = favoured.firstIndex(of: top) else { return nil }
    return Self.guess(candidates[winner], votes)
  }

  /// The winner with its share of the votes as confidence.
  private static func guess(_ best: Int, _ votes: SIMD8<Int>) -> LanguageGuess {
    let confidence = Double(votes[best]) / Double(votes.wrappedSum())
    return LanguageGuess(language: Language.analyzed[best], confidence: (confidence * 1000).rounded() / 1000)
  }

  // MARK: - Lines

  enum LineClass: Equatable {
    case blank, body, title, credit
    case boilerplate(String)
  }

  private func classify(_ lines: [Line], tokens: [Token], units: [UInt16], compiled: CompiledLanguage?,
                        terms: TokenTerms?) -> [LineClass] {
    var classes = [LineClass](copies: .body, count: lines.count)
    // Lines seen so far, by their length and first, middle and last units: a repeated line has the
    // same, and lines that only share them are told apart by comparing their units (a hash of every
    // unit of the text cost more than the rest of this pass).
    // Each such key's latest line, and each line's earlier line with its key (-1: none).
    var latestWithKey: [UInt64: Int] = [:]
    if lines.count > 1 { latestWithKey.reserveCapacity(lines.count) }
    var earlierWithKey = lines.count > 1 ? [Int](copies: -1, count: lines.count) : []
    var headlineLike = [Bool](copies: false, count: lines.count)
    for (index, line) in lines.enumerated() {
      if line.isBlank { classes[index] = .blank; continue }
      if let compiled, let terms, let index2 = compiled.indexes[.boilerplate],
         let match = index2.longestMatch(at: line.tokens.lowerBound, limit: line.tokens.upperBound, terms: terms, fills: nil) {
        let category = compiled.categories[.boilerplate]?[match.payload] ?? ""
        let rest = tokens[match.tokens.upperBound..<line.tokens.upperBound]
        switch category {
        case "skip-link", "menu":
          if !rest.contains(where: \.isWord) { classes[index] = .boilerplate(category); continue }
        case "credit":
          classes[index] = .credit; continue
        default:
          classes[index] = .boilerplate(category); continue
        }
      }
      let length = line.end - line.start
      let key = UInt64(length) << 48 | UInt64(units[line.start]) << 32 | UInt64(units[line.start + length / 2]) << 16
        | UInt64(units[line.end - 1])
      var earlier = latestWithKey[key] ?? -1
      while earlier >= 0 && units[lines[earlier].start..<lines[earlier].end] != units[line.start..<line.end] {
        earlier = earlierWithKey[earlier]
      }
      if earlier >= 0 {
        classes[index] = .boilerplate("repeated")
        continue
      }
      // The last line has no later line to repeat it (a one-line text makes no table at all).
      if index + 1 < lines.count {
        earlierWithKey[index] = latestWithKey[key] ?? -1
        latestWithKey[key] = index
      }
      headlineLike[index] = isHeadlineLike(line, tokens: tokens, units: units)
    }
    // Runs of headline-like lines (blank lines do not break a run; anything else does).
    var run: [Int] = []
    func closeRun() {
      if run.count >= Self.headlineRunMinimum { for index in run { classes[index] = .boilerplate("headline-run") } }
      run.removeAll()
    }
    for index in lines.indices {
      if classes[index] == .blank { continue }
      if classes[index] == .body && headlineLike[index] { run.append(index) } else { closeRun() }
    }
    closeRun()
    // The title: the first remaining line, when it reads like a headline and text follows it.
    if let first = lines.indices.first(where: { classes[$0] == .body }), headlineLike[first],
       lines.indices.contains(where: { $0 > first && classes[$0] == .body }) {
      classes[first] = .title
    }
    return classes
  }

  /// Short, and not ending like a sentence of running text (".", ":", ";", ",").
  private func isHeadlineLike(_ line: Line, tokens: [Token], units: [UInt16]) -> Bool {
    let words = tokens[line.tokens].reduce(0) { $0 + ($1.isWord ? 1 : 0) }
    guard words > 0 && words <= Self.headlineMaximumWords else { return false }
    var end = line.end
    while end > line.start, Self.closingMarks.contains(units[end - 1]) { end -= 1 }
    guard end > line.start else { return false }
    return !Self.runningTextEnds.contains(units[end - 1])
  }

  private static let closingMarks = Typography.quotationMarks.union(Typography.closingBrackets).union([Typography.apostrophe])
  private static let runningTextEnds: Set<UInt16> = Set(".:;,…".utf16)

  // MARK: - Sentences

  private func sentenceRanges(_ line: Line, breaks: [Int32], units: [UInt16], compiled: CompiledLanguage?) -> [Range<Int>] {
    // Breaks are ascending: find the first one inside the line, then walk to its end.
    var low = 0, high = breaks.count
    while low < high {
      let middle = (low + high) / 2
      if Int(breaks[middle]) <= line.start { low = middle + 1 } else { high = middle }
    }
    // Each sentence without the whitespace around it; one of whitespace only is none.
    var ranges: [Range<Int>] = []
    func add(_ start: Int, _ end: Int) {
      var low = start, high = end
      while low < high && TextDecoder.isWhitespace(units[low]) { low += 1 }
      while high > low && TextDecoder.isWhitespace(units[high - 1]) { high -= 1 }
      if low < high { ranges.append(low..<high) }
    }
    var start = line.start
    while low < breaks.count && Int(breaks[low]) < line.end {
      let cut = Int(breaks[low])
      low += 1
      if shouldJoin(units, sentenceStart: start, at: cut, lineEnd: line.end, compiled: compiled) { continue }
      add(start, cut)
      start = cut
    }
    add(start, line.end)
    return ranges
  }


  private func shouldJoin(_ units: [UInt16], sentenceStart: Int, at cut: Int, lineEnd: Int, compiled: CompiledLanguage?) -> Bool {
    // What follows the break.
    var next = cut
    while next < lineEnd && TextDecoder.isWhitespace(units[next]) { next += 1 }
    guard next < lineEnd else { return true }
    var afterDash = next
    if Typography.isDash(units[next]) {
      afterDash += 1
      while afterDash < lineEnd && TextDecoder.isWhitespace(units[afterDash]) { afterDash += 1 }
    }
    let nextScalar = Self.scalar(units, at: afterDash < lineEnd ? afterDash : next)
    let nextIsLower = Typography.isLowercase(nextScalar)
    let nextIsDigit = Typography.isNumeric(nextScalar)
    if nextIsLower { return true }
    if !Typography.isAlphabetic(nextScalar) && !nextIsDigit && !Typography.isDash(units[next])
      && !Self.isOpeningMark(units[next]) { return true }
    // What precedes it.
    var end = cut
    while end > sentenceStart && TextDecoder.isWhitespace(units[end - 1]) { end -= 1 }
    guard end > sentenceStart, units[end - 1] == 0x2E else { return false }
    // An initial: one capital letter and a full stop.
    if end - 2 >= sentenceStart, Typography.isUppercase(Self.scalar(units, at: end - 2)),
       end - 3 < sentenceStart || !Typography.isAlphabetic(Self.scalar(units, at: end - 3)) {
      return true
    }
    guard let compiled, !compiled.abbreviations.isEmpty else { return false }
    // The shortest candidate is the last word; when it is longer than every abbreviation unfolded,
    // it is so folded too (case folding never shortens), and so is every longer candidate.
    var lastWord = end
    while lastWord > sentenceStart && !TextDecoder.isWhitespace(units[lastWord - 1]) { lastWord -= 1 }
    while lastWord < end && Self.isLeadingMark(units[lastWord]) { lastWord += 1 }
    if end - lastWord > compiled.longestAbbreviation { return false }
    // Candidates: the text before the break from each of its last three spaces (abbreviations such as
    // "z. B." or "и т. д." contain spaces), without leading brackets or quotes.
    let tailStart = max(sentenceStart, end - max(24, compiled.longestAbbreviation + 2))
    foldedTail.removeAll(keepingCapacity: true)
    units.withUnsafeBufferPointer { folder.fold(UnsafeBufferPointer(rebasing: $0[tailStart..<end]), into: &foldedTail) }
    let tail = foldedTail
    // From each of the last three spaces, then (when the tail reaches the sentence start) from the start.
    var remaining = 3
    var index = tail.count - 1
    while remaining > 0 {
      while index >= 0 && !TextDecoder.isWhitespace(tail[index]) { index -= 1 }
      let atStart = index < 0
      if atStart && tailStart != sentenceStart { break }
      remaining -= 1
      var from = index + 1
      index -= 1
      while from < tail.count && Self.isLeadingMark(tail[from]) { from += 1 }
      if from < tail.count, tail.count - from <= compiled.longestAbbreviation {
        candidate.removeAll(keepingCapacity: true)
        candidate.append(contentsOf: tail[from...])
        if let ambiguous = compiled.abbreviations[candidate] { return !ambiguous || nextIsLower || nextIsDigit }
      }
      if atStart { break }
    }
    return false
  }

  /// Scratch for the case-folded end of a sentence and a candidate abbreviation in it, reused from
  /// break to break.
  private var foldedTail: [UInt16] = []
  private var candidate: [UInt16] = []

  /// Quotation marks and opening brackets, and the apostrophe: what may stand before an abbreviation.
  /// (Tested per break, so by comparisons rather than through a set's hashing.)
  private static func isLeadingMark(_ unit: UInt16) -> Bool { isOpeningMark(unit) || unit == Typography.apostrophe }

  private static func isOpeningMark(_ unit: UInt16) -> Bool { Typography.isQuotationMark(unit) || Typography.isOpeningBracket(unit) }

  static func scalar(_ units: [UInt16], at index: Int) -> Unicode.Scalar {
    let unit = units[index]
    if UTF16.isLeadSurrogate(unit), index + 1 < units.count {
      return Unicode.Scalar(UInt32(0x10000) + (UInt32(unit - 0xD800) << 10) + UInt32(units[index + 1] - 0xDC00)) ?? " "
    }
    if UTF16.isTrailSurrogate(unit), index > 0 {
      return scalar(units, at: index - 1)
    }
    return Unicode.Scalar(unit) ?? " "
  }
}
