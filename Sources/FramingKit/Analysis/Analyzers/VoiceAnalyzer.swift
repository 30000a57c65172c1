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

  private static let assertionDetails: LabelMap<String> = ["reason": SpeechStage.assertionReason]

  public func analyze(_ article: AttributedArticle, into findings: inout [Finding]) {
    let sentences = article.text.sentences, speech = article.speech.sentences
    findings.reserveCapacity(findings.count + min(sentences.count, speech.count))
    // By index: each sentence's speech is read in place rather than copied.
    for index in 0..<min(sentences.count, speech.count) {
      let speakers = speech[index].speakers, reason = speech[index].reason
      // Most sentences are the outlet's own for the one reason: they share one details map.
      let details = speakers.isEmpty && reason == SpeechStage.assertionReason ? Self.assertionDetails
        : LabelMap(sortedEntries: speakers.isEmpty ? [.init(name: "reason", value: reason)]
          : [.init(name: "reason", value: reason), .init(name: "speakers", value: speakers.joined(separator: ","))])
      findings.append(Finding(analyzer: Self.id, label: speech[index].voice.rawValue, span: sentences[index].span, sentence: index,
                              voice: speech[index].voice == .assertion ? .authorial : .reported, entity: speakers.first,
                              speaker: speakers.last, entry: nil, surfaceText: article.sentenceSlices[index], details: details))
    }
  }
}
