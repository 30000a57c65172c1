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

  /// Every analyzer's findings, analyzer by analyzer, each sorted by span (then label and entity).
  /// Analyzers append to one list and mostly in that order already; the sort is stable, so an
  /// analyzer's sorted findings are kept as they are.
  public func findings(_ article: AttributedArticle) -> [Finding] {
    var all: [Finding] = []
    all.reserveCapacity(article.text.sentences.count + article.scan.hits.count + article.speech.mentions.count)
    for analyzer in analyzers {
      let start = all.count
      analyzer.analyze(article, into: &all)
      if all.indices.dropFirst(start + 1).contains(where: { Self.precedes(all[$0], all[$0 - 1]) }) {
        all.sortTail(from: start, by: Self.precedes)
      }
    }
    return all
  }

  private static func precedes(_ first: Finding, _ second: Finding) -> Bool {
    if first.span != second.span { return first.span < second.span }
    return (first.label, first.entity ?? "") < (second.label, second.entity ?? "")
  }

  public func profile(_ document: Document, language: Language? = nil) -> Profile {
    let article = attribute(document, language: language)
    var builder = builder
    builder.includeText = includeText
    return builder.build(article, findings: findings(article))
  }
}
