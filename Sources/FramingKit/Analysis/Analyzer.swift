/// An analyzer reads an `AttributedArticle` (so it always runs after the who-speaks stage) and
/// appends its findings, sorted by span, to the article's one list: were each analyzer to return a
/// list of its own, merging them would copy every finding and retain each of its strings. It holds
/// no linguistic data: every word it matches comes from the lexicons. Pure: same input, same findings.
public protocol Analyzer: Sendable {
  /// Stable id used in JSON and the README ("hedging").
  static var id: String { get }
  /// One sentence for `framing analyzers` and the README.
  static var summary: String { get }
  /// Lexicon kinds the analyzer reads.
  static var requiredLexicons: Set<LexiconKind> { get }
  init()
  func analyze(_ article: AttributedArticle, into findings: inout [Finding])
}

extension Analyzer {
  /// The analyzer's findings alone.
  public func analyze(_ article: AttributedArticle) -> [Finding] {
    var findings: [Finding] = []
    analyze(article, into: &findings)
    return findings
  }
}

/// Every analyzer, in the order their findings are listed.
public enum AnalyzerRegistry {
  public static let all: [any Analyzer.Type] = [
    SourcingAnalyzer.self, VoiceAnalyzer.self, ReportingVerbAnalyzer.self, HedgeAnalyzer.self, LoadedTermAnalyzer.self,
    NamingAnalyzer.self,
  ]
}

extension AttributedArticle {
  /// A finding for a lexicon hit, with its voice taken from the who-speaks layer.
  func finding(analyzer: String, hit: LexiconHit, label: String? = nil, entity: String? = nil, polarity: String? = nil,
               verbatimOnly: Bool = false, details: LabelMap<String> = [:]) -> Finding {
    let (category, entryPolarity, note) = withEntry(of: hit) { ($0.pointee.category, $0.pointee.polarity?.rawValue, $0.pointee.note) }
    let span = span(of: hit.tokens)
    let (voice, speaker) = speech.voice(of: span, sentence: hit.sentence, verbatimOnly: verbatimOnly)
    return Finding(analyzer: analyzer, label: label ?? category, span: span, sentence: hit.sentence, voice: voice,
                   entity: entity, speaker: speaker, entry: reference(of: hit), surfaceText: surfaceSlice(of: hit.tokens),
                   polarity: polarity ?? entryPolarity, note: note, details: details)
  }

  /// The registry mention nearest to a token range in its sentence (within `window` tokens), if any.
  func nearestMention(to tokens: Range<Int>, sentence: Int, window: Int = 3, among allowed: Set<String>? = nil) -> String? {
    var best: (distance: Int, entity: String)?
    // Mentions are in sentence order: find the sentence's first one by binary search.
    var index = scan.mentions.partitioningIndex { $0.sentence >= sentence }
    while index < scan.mentions.count && scan.mentions[index].sentence == sentence {
      let mention = scan.mentions[index]
      index += 1
      if let allowed, !allowed.contains(mention.entity) { continue }
      let distance: Int
      if mention.tokens.lowerBound >= tokens.upperBound {
        distance = mention.tokens.lowerBound - tokens.upperBound
      } else if mention.tokens.upperBound <= tokens.lowerBound {
        distance = tokens.lowerBound - mention.tokens.upperBound
      } else {
        distance = 0
      }
      guard distance <= window else { continue }
      if best == nil || distance < best!.distance { best = (distance, mention.entity) }
    }
    return best?.entity
  }
}
