/// Finds loaded terms (pejorative and legitimizing labels, euphemisms, state narratives, emotive
/// intensifiers) with their polarity, note and the entity they target.
///
/// Voice: reported inside quotations and reported clauses of the who-speaks layer, else authorial —
/// except labels for people (pejorative, legitimizing), which are reported only inside quotations:
/// in indirect speech the outlet names people in its own words.
/// Lexicons: loaded (an entry with `applies_to` counts only when one of those entities is named in the
/// same sentence, and then targets it).
/// Labels: pejorative, legitimizing, euphemism, state-narrative, emotive.
public struct LoadedTermAnalyzer: Analyzer {
  public static let id = "loaded-terms"
  public static let summary = "Finds loaded terms with their polarity, note, voice and the entity they target."
  public static let requiredLexicons: Set<LexiconKind> = [.loaded]

  public init() {}

  public func analyze(_ article: AttributedArticle, into findings: inout [Finding]) {
    for hit in article.scan.hits where hit.kind == .loaded {
      let (appliesTo, category) = article.withEntry(of: hit) { ($0.pointee.appliesTo, $0.pointee.category) }
      var target: String?
      if !appliesTo.isEmpty {
        let allowed = Set(appliesTo)
        guard let named = article.nearestMention(to: hit.tokens, sentence: hit.sentence, window: 1000, among: allowed)
        else { continue }
        target = named
      } else {
        target = article.nearestMention(to: hit.tokens, sentence: hit.sentence, window: 2)
      }
      let isLabel = category == "pejorative" || category == "legitimizing"
      findings.append(article.finding(analyzer: Self.id, hit: hit, entity: target, verbatimOnly: isLabel))
    }
  }
}
