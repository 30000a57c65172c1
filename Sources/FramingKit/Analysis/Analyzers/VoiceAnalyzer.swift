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

  public func analyze(_ article: AttributedArticle, into findings: inout [Finding]) {
    let sentences = article.text.sentences, speech = article.speech.sentences
    findings.reserveCapacity(findings.count + min(sentences.count, speech.count))
    // By index: each sentence's speech is read in place rather than copied.
    for index in 0..<min(sentences.count, speech.count) {
      let speakers = speech[index].speakers
      let details: LabelMap<String> = speakers.isEmpty
        ? ["reason": speech[index].reason]
        : ["reason": speech[index].reason, "speakers": speakers.joined(separator: ",")]
      findings.append(Finding(analyzer: Self.id, label: speech[index].voice.rawValue, span: sentences[index].span, sentence: index,
                              voice: speech[index].voice == .assertion ? .authorial : .reported, entity: speakers.first,
                              speaker: speakers.last, entry: nil, surfaceText: article.sentenceSlices[index], details: details))
    }
  }
}
