/// Finds reporting verbs and the stance each lends to what it reports.
///
/// Voice: authorial — the choice of verb is the outlet's, even when the words reported are not.
/// Lexicons: reporting-verbs.
/// Labels: neutral, distancing, presupposing, emotive.
public struct ReportingVerbAnalyzer: Analyzer {
  public static let id = "reporting-verbs"
  public static let summary = "Finds reporting verbs and the stance each lends to what it reports."
  public static let requiredLexicons: Set<LexiconKind> = [.reportingVerbs]

  public init() {}

  public func analyze(_ article: AttributedArticle, into findings: inout [Finding]) {
    let sentences = article.speech.sentences
    // By index: a sentence's speech is read in place rather than copied.
    for index in sentences.indices {
      for verb in sentences[index].verbs {
        let voice = article.speech.voice(of: verb.span, sentence: index).0
        findings.append(Finding(analyzer: Self.id, label: verb.stance.rawValue, span: verb.span, sentence: index,
                                voice: voice, entity: verb.speakers.first, entry: verb.entry,
                                surfaceText: article.text.slice(verb.span), polarity: nil, note: nil,
                                details: verb.speakers.isEmpty ? LabelMap() : ["speakers": verb.speakers.joined(separator: ",")]))
      }
    }
  }
}
