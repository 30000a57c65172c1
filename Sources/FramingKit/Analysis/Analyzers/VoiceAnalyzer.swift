/// Labels every sentence (and the title) with its voice: direct, indirect, attributed or assertion.
///
/// Voice: the sentence's own label; reported for all but assertions.
/// Lexicons: reporting-verbs, attribution, clause-markers (through the who-speaks stage).
/// Labels: direct, indirect, attributed, assertion.
public struct VoiceAnalyzer: Analyzer {
  public static let id = "voice"
  public static let summary = "Labels every sentence with its voice: direct, indirect, attributed or assertion."
  public static let requiredLexicons: Set<LexiconKind> = [.reportingVerbs, .attribution, .clauseMarkers]

  public init() {}

  public func analyze(_ article: AttributedArticle) -> [Finding] {
    zip(article.text.sentences, article.speech.sentences).enumerated().map { index, pair in
      let (sentence, speech) = pair
      var details: LabelMap<String> = ["reason": speech.reason]
      if !speech.speakers.isEmpty { details["speakers"] = speech.speakers.joined(separator: ",") }
      return Finding(analyzer: Self.id, label: speech.voice.rawValue, span: sentence.span, sentence: index,
                     voice: speech.voice == .assertion ? .authorial : .reported, entity: speech.speakers.first,
                     speaker: speech.speakers.last, entry: nil,
                     surface: article.sentenceTexts[index], details: details)
    }
  }
}
