/// Finds hedges (reportative, epistemic, approximators, distancing, attribution shields, scare quotes)
/// and certainty boosters, each with whose words it stands in.
///
/// Voice: reported inside quotations and reported clauses of the who-speaks layer, else authorial; a scare
/// quote is the outlet's own device unless it stands inside a quotation.
/// Lexicons: hedges, shapes (for constructions such as Polish "mieli <infinitive>").
/// Labels: reportative, epistemic, approximator, distancing, shield, booster, scare-quote.
public struct HedgeAnalyzer: Analyzer {
  public static let id = "hedging"
  public static let summary = "Finds hedges, scare quotes and certainty boosters, each with whose words it stands in."
  public static let requiredLexicons: Set<LexiconKind> = [.hedges, .shapes]

  public init() {}

  public func analyze(_ article: AttributedArticle, into findings: inout [Finding]) {
    let start = findings.count
    for hit in article.scan.hits where hit.kind == .hedges { findings.append(article.finding(analyzer: Self.id, hit: hit)) }
    let sentences = article.text.sentences
    for quote in article.text.quotations where quote.kind == .scareQuote {
      guard let index = sentences.firstIndex(where: { $0.span.contains(quote.span) }) else { continue }
      let (voice, speaker) = article.speech.voice(of: quote.span, sentence: index, verbatimOnly: true)
      findings.append(Finding(analyzer: Self.id, label: "scare-quote", span: quote.span, sentence: index, voice: voice,
                              speaker: speaker, entry: nil, surfaceText: article.text.slice(quote.span),
                              note: "Quotation marks around a short phrase keep it at a distance from the outlet's own voice."))
    }
    findings.sortTail(from: start) { $0.span < $1.span }
  }
}
