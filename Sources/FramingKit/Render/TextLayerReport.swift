/// The text layer of one article as JSON: what `framing analyze --layer text` prints, so that a user
/// can check segmentation (language, chrome set aside, sentences, quotes) with code-point offsets.
public struct TextLayerReport: Encodable {
  struct Span: Encodable {
    let start: Int
    let end: Int
    let text: String
  }

  struct LanguageField: Encodable {
    let code: String
    let confidence: Double
  }

  struct BoilerplateField: Encodable {
    let start: Int
    let end: Int
    let reason: String
    let text: String
  }

  struct ParagraphField: Encodable {
    let start: Int
    let end: Int
    let language: LanguageField
    let sentences: [Int]
  }

  struct SentenceField: Encodable {
    let index: Int
    let start: Int
    let end: Int
    let paragraph: Int?
    let title: Bool
    let text: String
  }

  struct QuotationField: Encodable {
    let start: Int
    let end: Int
    let inner_start: Int
    let inner_end: Int
    let kind: String
    let depth: Int
    let closed: Bool
    let text: String
  }

  let id: String
  let encoding: String
  let text_sha256: String
  let language: LanguageField
  let title: Span?
  let boilerplate: [BoilerplateField]
  let credits: [Span]
  let paragraphs: [ParagraphField]
  let sentences: [SentenceField]
  let quotations: [QuotationField]
  let tokens: Int
  let words: Int
  let warnings: [String]

  public init(_ segmented: SegmentedText) {
    let document = segmented.document
    id = document.id
    encoding = document.encoding
    text_sha256 = document.textSHA256
    language = LanguageField(code: segmented.language.language.rawValue, confidence: JSONOutput.round(segmented.language.confidence))
    title = segmented.title.map { Span(start: $0.span.start, end: $0.span.end, text: document.string(utf16: $0.utf16Start, $0.utf16End)) }
    boilerplate = segmented.boilerplate.map { BoilerplateField(start: $0.span.start, end: $0.span.end, reason: $0.reason, text: $0.text) }
    credits = segmented.credits.map { Span(start: $0.span.start, end: $0.span.end, text: $0.text) }
    paragraphs = segmented.paragraphs.map {
      ParagraphField(start: $0.span.start, end: $0.span.end,
                     language: LanguageField(code: $0.language.language.rawValue, confidence: JSONOutput.round($0.language.confidence)),
                     sentences: Array($0.sentences))
    }
    sentences = segmented.sentences.enumerated().map { index, sentence in
      SentenceField(index: index, start: sentence.span.start, end: sentence.span.end,
                    paragraph: sentence.isTitle ? nil : sentence.paragraph, title: sentence.isTitle,
                    text: document.string(utf16: sentence.utf16Start, sentence.utf16End))
    }
    quotations = segmented.quotations.map {
      QuotationField(start: $0.span.start, end: $0.span.end, inner_start: $0.inner.start, inner_end: $0.inner.end,
                     kind: $0.kind.rawValue, depth: $0.depth, closed: $0.closed, text: segmented.text($0.span))
    }
    tokens = segmented.tokens.count
    words = segmented.tokens.reduce(0) { $0 + ($1.isWord ? 1 : 0) }
    warnings = segmented.warnings
  }
}
