/// A reporting verb in a sentence: which entry fired, its stance and who it is attributed to.
public struct ReportingVerb: Hashable, Codable, Sendable {
  public let span: TextSpan
  public let entry: String
  public let stance: Stance
  public let speakers: [String]
}

/// An attribution cue ("według Kremla", "laut TASS") with the source that fills it.
public struct AttributionCue: Hashable, Codable, Sendable {
  public let span: TextSpan
  /// according-to, reports or citing.
  public let category: String
  public let entity: String
  public let entry: String
}

/// What the who-speaks stage decided about one sentence.
public struct SentenceSpeech: Hashable, Sendable {
  public let voice: SentenceVoice
  /// The speakers or sources the sentence is tied to, outermost first.
  public let speakers: [String]
  public let verbs: [ReportingVerb]
  public let cues: [AttributionCue]
  /// Spans in the sentence that are a source's words (quotations, complement clauses …).
  public let reported: [TextSpan]
  /// The part of `reported` that is quoted verbatim (quotation marks, dash-led speech).
  public let quoted: [TextSpan]
  /// Nested attribution: outer reporter first ("belta" → "lukashenko", "putin").
  public let chain: [[String]]
  /// Why the voice was chosen, in a few words, for auditing ("reporting verb 'sagte' with 'dass'").
  public let reason: String
}

/// The role a source mention plays in its article.
public enum SourceRole: String, Codable, CaseIterable, Sendable {
  /// The origin of information or speech that the article passes on (an institution or outlet).
  case attributed
  /// A person whose words are reported.
  case speaker
  /// Only talked about.
  case mentioned
  /// The agency or outlet credited with the article ("PAP").
  case byline
  /// Named in a photo or video credit.
  case credit
}

/// A registry mention with the role the who-speaks stage gave it.
public struct ResolvedMention: Hashable, Sendable {
  public let entity: String
  public let span: TextSpan
  /// Index into the sentences, or -1 for credit lines.
  public let sentence: Int
  public let role: SourceRole
  /// The lexicon pattern that matched: a name, or a description ("rzecznik Kremla").
  public let isDescription: Bool
  /// True for a pronoun that was resolved to the entity ("er" → putin).
  public let isAnaphor: Bool
}

/// A photo or video credit split into its parts ("PAP", "EPA", "ALEXEI NIKOLSKY", "SPUTNIK" …).
public struct CreditChain: Hashable, Codable, Sendable {
  public let span: TextSpan
  public let parts: [String]
  /// The registry entity of each part, or nil when the part is not a known source (a photographer).
  public let entities: [String?]
}

/// The who-speaks layer that every later analyzer reads: voice, speakers and chains per sentence.
public struct SpeechLayer: Sendable {
  public let sentences: [SentenceSpeech]
  public let mentions: [ResolvedMention]
  public let byline: [String]
  public let credits: [CreditChain]

  /// Whether a span stands in reported words, and whose. With `verbatimOnly`, only quoted words count
  /// as reported: labels for people and places inside indirect speech are the outlet's own choice
  /// (a paraphrase names things in the reporter's words), while claims and hedges are the source's.
  public func voice(of span: TextSpan, sentence: Int, verbatimOnly: Bool = false) -> (Voice, String?) {
    guard sentence >= 0 && sentence < sentences.count else { return (.authorial, nil) }
    let speech = sentences[sentence]
    let regions = verbatimOnly ? speech.quoted : speech.reported
    if regions.contains(where: { $0.contains(span) || ($0.overlaps(span) && span.length > 0 && overlapShare($0, span) >= 0.5) }) {
      return (.reported, speech.speakers.last)
    }
    return (.authorial, nil)
  }

  private func overlapShare(_ region: TextSpan, _ span: TextSpan) -> Double {
    Double(min(region.end, span.end) - max(region.start, span.start)) / Double(span.length)
  }
}

/// An article after the who-speaks stage: the only value analyzers take, so none can run before it.
public struct AttributedArticle: Sendable {
  public let text: SegmentedText
  public let scan: LexiconScan
  public let speech: SpeechLayer
  public let lexicons: LexiconSet
  /// Each sentence's text: the voice findings and the profile's sentence list share it.
  let sentenceSlices: [TextSlice]

  public init(text: SegmentedText, scan: LexiconScan, speech: SpeechLayer, lexicons: LexiconSet) {
    self.text = text
    self.scan = scan
    self.speech = speech
    self.lexicons = lexicons
    sentenceSlices = text.sentences.map { text.slice(utf16: $0.utf16Start, $0.utf16End) }
  }

  /// The lexicon entry behind a hit.
  public func entry(of hit: LexiconHit) -> LexiconEntry {
    lexicons.entries(hit.kind, text.language.language)[hit.entry]
  }

  /// Reads a hit's entry where it is, through a pointer: an entry is a large value (a dozen strings
  /// and lists), and a copy, which passing it as a value makes, retains and releases each of them.
  func withEntry<Result>(of hit: LexiconHit, _ read: (UnsafePointer<LexiconEntry>) -> Result) -> Result {
    guard let entries = text.lexicon?.entries[hit.kind] else {
      return withUnsafePointer(to: entry(of: hit)) { read($0) }
    }
    return entries.withUnsafeBufferPointer { read($0.baseAddress! + hit.entry) }
  }

  /// "pl/hedges#podobno": the stable reference of a hit's entry.
  public func reference(of hit: LexiconHit) -> String {
    if let references = text.lexicon?.entryReferences[hit.kind] { return references[hit.entry] }
    return CompiledLanguage.entryReference(language: text.language.language, kind: hit.kind, id: entry(of: hit).id)
  }

  /// The code-point span of a token range.
  public func span(of tokens: Range<Int>) -> TextSpan {
    guard !tokens.isEmpty else { return TextSpan(start: 0, end: 0) }
    return TextSpan(start: text.tokens[tokens.lowerBound].span.start, end: text.tokens[tokens.upperBound - 1].span.end)
  }

  /// The text a token range covers.
  func surfaceSlice(of tokens: Range<Int>) -> TextSlice {
    guard !tokens.isEmpty else { return TextSlice("") }
    return text.slice(utf16: Int(text.tokens[tokens.lowerBound].utf16Start), Int(text.tokens[tokens.upperBound - 1].utf16End))
  }
}
