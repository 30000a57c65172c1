/// A word or punctuation mark, with its keys for lexicon matching.
/// Its stored members are in the order that packs them into 32 bytes (every stage reads tokens in
/// long runs; a flag before the form's number would pad a token to 40).
public struct Token: Sendable {
  public let span: TextSpan
  let utf16Start: Int32
  let utf16End: Int32
  /// The form's number in the segmenter's `KeyFolder`: per-form caches are indexed by it, and the
  /// segmented text gives its keys (`SegmentedText.key(of:)`). Tokenizing then reads nothing per
  /// form but the folder's table (the keys' list, read at every token, missed the nearer caches).
  let form: Int32
  /// The unit of a one-unit token that is not a word (",", ":", "–" …), else 0: the who-speaks stage
  /// tests punctuation on every clause, and folding leaves such marks as they are.
  let mark: UInt16
  public let isWord: Bool

  init(span: TextSpan, utf16Start: Int32, utf16End: Int32, isWord: Bool, form: Int32, mark: UInt16) {
    self.span = span
    self.utf16Start = utf16Start
    self.utf16End = utf16End
    self.isWord = isWord
    self.form = form
    self.mark = mark
  }
}

/// A sentence of the body (or the title), with the tokens inside it.
public struct Sentence: Sendable {
  public let span: TextSpan
  public let tokens: Range<Int>
  /// Index into `paragraphs`, or -1 for the title.
  public let paragraph: Int
  public var isTitle: Bool { paragraph < 0 }
  let utf16Start: Int
  let utf16End: Int
}

/// A language guess with its confidence (share of function-word evidence, 0–1).
public struct LanguageGuess: Hashable, Codable, Sendable {
  public let language: Language
  public let confidence: Double
}

/// A body paragraph (one line of the input).
public struct Paragraph: Sendable {
  public let span: TextSpan
  public let language: LanguageGuess
  public let sentences: Range<Int>
}

/// A line or run of page chrome, kept as a span with the reason it was set aside.
public struct BoilerplateSpan: Hashable, Codable, Sendable {
  public let span: TextSpan
  /// A boilerplate category from the lexicon ("menu", "share" …), or "headline-run", "repeated".
  public let reason: String
  public let text: String
}

/// A photo or video credit line ("Źródło: Fot. PAP/EPA/…").
public struct CreditSpan: Hashable, Codable, Sendable {
  public let span: TextSpan
  public let text: String
  public let tokens: Range<Int>
}

/// A span of text between quotation marks.
public struct Quotation: Hashable, Codable, Sendable {
  public enum Kind: String, Codable, Sendable {
    /// Clause-like quoted speech or writing.
    case quotation
    /// A short phrase set in quotes to keep it at a distance („rozwiązywaniu problemów”).
    case scareQuote = "scare-quote"
    /// A name set in quotes: every word capitalized or a number («Пул Первого», „Zapad-2021“).
    case name
  }

  /// From the opening mark to the closing mark, both included.
  public let span: TextSpan
  /// The quoted text without its marks.
  public let inner: TextSpan
  public let kind: Kind
  /// 0 for outermost quotes, 1 for quotes inside them …
  public let depth: Int
  /// False when the closing mark was missing and the quote was closed at the paragraph end.
  public let closed: Bool
}

/// The output of the text layer, read-only from here on: language, chrome set aside, title,
/// paragraphs, sentences, tokens with keys and quotation spans, all with code-point offsets.
/// A class: the later stages pass it around a great deal, and a reference costs one retain where
/// the struct cost one per array.
public final class SegmentedText: Sendable {
  public let document: Document
  public let language: LanguageGuess
  public let boilerplate: [BoilerplateSpan]
  public let credits: [CreditSpan]
  public let paragraphs: [Paragraph]
  /// The title first when there is one (`isTitle`), then the body sentences in order.
  public let sentences: [Sentence]
  public let tokens: [Token]
  public let quotations: [Quotation]
  public let warnings: [String]
  /// The lexicons compiled for `language` (nil for undetermined text) and each token's terms in them.
  let lexicon: CompiledLanguage?
  let terms: TokenTerms?
  /// The keys of the tokens' forms.
  private let keyStore: KeyStore

  init(document: Document, language: LanguageGuess, boilerplate: [BoilerplateSpan], credits: [CreditSpan],
       paragraphs: [Paragraph], sentences: [Sentence], tokens: [Token], quotations: [Quotation], warnings: [String],
       lexicon: CompiledLanguage?, terms: TokenTerms?, keyStore: KeyStore) {
    self.document = document
    self.language = language
    self.boilerplate = boilerplate
    self.credits = credits
    self.paragraphs = paragraphs
    self.sentences = sentences
    self.tokens = tokens
    self.quotations = quotations
    self.warnings = warnings
    self.lexicon = lexicon
    self.terms = terms
    self.keyStore = keyStore
  }

  public var title: Sentence? { sentences.first?.isTitle == true ? sentences.first : nil }

  /// The keys of a token's form.
  func key(of token: Token) -> FoldedKey { keyStore.key(token.form) }

  /// The text of a span.
  public func text(_ span: TextSpan) -> String { document.string(span) }

  func text(utf16 start: Int, _ end: Int) -> String { document.string(utf16: start, end) }

  /// The text of a span as a slice of the document's units (see `TextSlice`).
  func slice(_ span: TextSpan) -> TextSlice { document.slice(span) }

  func slice(utf16 start: Int, _ end: Int) -> TextSlice { document.slice(utf16: start, end) }

  /// Number of word tokens (not punctuation) in a token range.
  public func wordCount(_ range: Range<Int>) -> Int { tokens[range].reduce(0) { $0 + ($1.isWord ? 1 : 0) } }
}
