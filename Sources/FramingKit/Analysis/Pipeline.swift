/// The whole flow for one article: document → segmented text → lexicon scan → who speaks →
/// analyzers → profile. One pipeline per worker (it owns the segmenter's caches).
public final class Pipeline {
  public let lexicons: LexiconSet
  public let segmenter: Segmenter
  private let analyzers: [any Analyzer]
  /// Made once: it reads the profile parameters when made.
  private let builder: ProfileBuilder
  public var includeText = false

  public init(lexicons: LexiconSet) {
    self.lexicons = lexicons
    self.segmenter = Segmenter(lexicons: lexicons)
    self.analyzers = AnalyzerRegistry.all.map { $0.init() }
    self.builder = ProfileBuilder(lexicons: lexicons)
  }

  /// Runs the text layer and the who-speaks stage.
  public func attribute(_ document: Document, language: Language? = nil) -> AttributedArticle {
    let segmented = segmenter.segment(document, language: language)
    let scan = LexiconScan(segmented, lexicons: lexicons)
    return SpeechStage(lexicons: lexicons).run(segmented, scan: scan)
  }

  /// Every analyzer's findings, analyzer by analyzer, each sorted by span.
  public func findings(_ article: AttributedArticle) -> [Finding] {
    analyzers.flatMap { analyzer in
      analyzer.analyze(article).sorted { $0.span != $1.span ? $0.span < $1.span : ($0.label, $0.entity ?? "") < ($1.label, $1.entity ?? "") }
    }
  }

  public func profile(_ document: Document, language: Language? = nil) -> Profile {
    let article = attribute(document, language: language)
    var builder = builder
    builder.includeText = includeText
    return builder.build(article, findings: findings(article))
  }
}
