import Foundation

/// Builds a `Profile` from an attributed article and its findings. Every score is computed from
/// findings (and the word counts of the sentences they cite) and lists them as evidence.
public struct ProfileBuilder {
  public let lexicons: LexiconSet
  public var includeText = false

  public init(lexicons: LexiconSet, includeText: Bool = false) {
    self.lexicons = lexicons
    self.includeText = includeText
  }

  public func build(_ article: AttributedArticle, findings: [Finding]) -> Profile {
    let text = article.text
    let document = text.document
    let bylineSentences = Set(article.speech.sentences.indices.filter { article.speech.sentences[$0].reason == "byline" })
    var sentences: [Profile.SentenceInfo] = []
    for (index, (sentence, speech)) in zip(text.sentences, article.speech.sentences).enumerated() {
      sentences.append(Profile.SentenceInfo(
        index: index, start: sentence.span.start, end: sentence.span.end, paragraph: sentence.paragraph, title: sentence.isTitle,
        words: text.wordCount(sentence.tokens), voice: speech.voice, speakers: speech.speakers, chain: speech.chain,
        reason: speech.reason, reported: speech.reported, verbs: speech.verbs, cues: speech.cues,
        text: article.sentenceTexts[index]))
    }
    let analyzed = sentences.filter { !bylineSentences.contains($0.index) }
    let analyzedWords = analyzed.reduce(0) { $0 + $1.words }
    let counts = Profile.Counts(paragraphs: text.paragraphs.count, sentences: text.sentences.count, tokens: text.tokens.count,
                                words: text.tokens.reduce(0) { $0 + ($1.isWord ? 1 : 0) }, analyzedWords: analyzedWords)
    let metadata = document.metadata
    let info = Profile.Article(
      id: document.id, title: metadata.title ?? text.title.map { text.text($0.span) }, outlet: metadata.outlet,
      published: metadata.published, url: metadata.url, language: text.language.language.rawValue,
      languageConfidence: JSONOutput.round(text.language.confidence), encoding: document.encoding,
      textSha256: SHA256.hex(Array(document.text.utf8)), counts: counts, extra: metadata.extra)
    let layout = Profile.Layout(
      title: text.title.map { Profile.SpanText(start: $0.span.start, end: $0.span.end, text: text.text($0.span)) },
      boilerplate: text.boilerplate.map { Profile.BoilerplateInfo(start: $0.span.start, end: $0.span.end, reason: $0.reason, text: $0.text) },
      credits: article.speech.credits,
      paragraphs: text.paragraphs.map {
        Profile.ParagraphInfo(start: $0.span.start, end: $0.span.end, language: $0.language.language.rawValue,
                              languageConfidence: JSONOutput.round($0.language.confidence), sentences: Array($0.sentences))
      },
      quotations: text.quotations.map {
        Profile.QuotationInfo(start: $0.span.start, end: $0.span.end, innerStart: $0.inner.start, innerEnd: $0.inner.end,
                              kind: $0.kind.rawValue, depth: $0.depth, closed: $0.closed, text: text.text($0.span))
      })
    var chains: [[[String]]] = []
    for speech in article.speech.sentences where !speech.chain.isEmpty {
      let chain = article.speech.byline.isEmpty ? speech.chain : [article.speech.byline] + speech.chain
      if !chains.contains(chain) { chains.append(chain) }
    }
    let scores = ScoreSheet(findings: findings, sentences: analyzed, lexicons: lexicons).scores
    let sources = sourceTable(findings: findings, sentences: analyzed, firstParagraph: text.paragraphs.first.map { Set($0.sentences) } ?? [])
    let composite = CompositeIndices(findings: findings, scores: scores, sentences: analyzed, sources: sources, lexicons: lexicons)
    return Profile(
      schema: Profile.schemaVersion, toolVersion: FramingVersion.tool, lexiconHash: lexicons.hash, article: info,
      text: includeText ? document.text : nil, layout: layout, sentences: sentences,
      sources: sources, attribution: Profile.Attribution(byline: article.speech.byline, chains: chains), findings: findings,
      scores: scores, indices: composite.indices, flags: composite.flags, warnings: text.warnings)
  }

  private static let rolePriority: [String] = ["byline", "attributed", "speaker", "credit", "mentioned"]

  private func sourceTable(findings: [Finding], sentences: [Profile.SentenceInfo], firstParagraph: Set<Int>) -> [Profile.SourceInfo] {
    let words = max(sentences.reduce(0) { $0 + $1.words }, 1)
    var byEntity: [String: [Int]] = [:]
    for (index, finding) in findings.enumerated() where finding.analyzer == SourcingAnalyzer.id {
      if let entity = finding.entity { byEntity[entity, default: []].append(index) }
    }
    var rows: [Profile.SourceInfo] = []
    for (id, evidence) in byEntity {
      guard let entity = lexicons.entity(id) else { continue }
      let roles = Set(evidence.map { findings[$0].label })
      let cited = sentences.filter { $0.speakers.contains(id) }
      let leads = sentences.contains { ($0.title || firstParagraph.contains($0.index)) && $0.speakers.contains(id) }
      rows.append(Profile.SourceInfo(
        entity: id, name: entity.name, kind: entity.kind, country: entity.country, stateAffiliated: entity.stateAffiliated,
        roles: Self.rolePriority.filter { roles.contains($0) }, mentions: evidence.count, sentences: cited.map(\.index),
        wordShare: JSONOutput.round(Double(cited.reduce(0) { $0 + $1.words }) / Double(words)), leads: leads, evidence: evidence))
    }
    return rows.sorted {
      ($0.wordShare, $0.mentions, $1.entity) > ($1.wordShare, $1.mentions, $0.entity)
    }
  }
}

/// The score formulas. Each formula id is documented in the README; `analyzed words` are the words of
/// the title and body sentences (a byline excluded).
struct ScoreSheet {
  let findings: [Finding]
  let sentences: [Profile.SentenceInfo]
  let lexicons: LexiconSet
  private(set) var scores: [Profile.Score] = []

  init(findings: [Finding], sentences: [Profile.SentenceInfo], lexicons: LexiconSet) {
    self.findings = findings
    self.sentences = sentences
    self.lexicons = lexicons
    words = sentences.reduce(0) { $0 + $1.words }
    sentenceIndexes = Set(sentences.map(\.index))
    var byAnalyzer: [String: [Int]] = [:]
    var voiceFindingOfSentence: [Int: Int] = [:]
    for index in findings.indices {
      let analyzer = findings[index].analyzer
      byAnalyzer[analyzer, default: []].append(index)
      if analyzer == VoiceAnalyzer.id { voiceFindingOfSentence[findings[index].sentence] = index }
    }
    self.byAnalyzer = byAnalyzer
    self.voiceFindingOfSentence = voiceFindingOfSentence
    computeSourcing()
    computeVoice()
    computeHedging()
    computeLoaded()
  }

  /// Score ids spelled once rather than per article.
  private static let voiceShareIDs = Dictionary(uniqueKeysWithValues: SentenceVoice.allCases.map { ($0, "voice.share.\($0.rawValue)") })
  private static let stanceIDs = Dictionary(uniqueKeysWithValues: Stance.allCases.map { ($0, "voice.stance.\($0.rawValue)") })
  private static let loadedCategoryIDs = Dictionary(uniqueKeysWithValues: LexiconKind.loaded.categories.map { ($0, "loaded.category.\($0)") })
  private static let polarityIDs = Dictionary(uniqueKeysWithValues: Polarity.allCases.map { ($0, "loaded.polarity.\($0.rawValue)") })

  /// Analyzed words and sentence indexes, computed once: every rate divides by them.
  private let words: Int
  private let sentenceIndexes: Set<Int>
  /// Finding indexes by analyzer, and the voice finding of each sentence: every score reads one
  /// analyzer's findings, so none scans them all.
  private let byAnalyzer: [String: [Int]]
  private let voiceFindingOfSentence: [Int: Int]

  private mutating func add(_ id: String, _ value: Double, evidence: [Int]) {
    scores.append(Profile.Score(id: id, value: JSONOutput.round(value.isFinite ? value : 0), formula: id, evidence: evidence.sorted()))
  }

  /// Indexes of one analyzer's findings that satisfy a predicate, in order.
  /// The predicate gets a finding's index and reads the fields it needs (passing the finding itself
  /// would copy it, retaining each of its strings).
  private func indexes(_ analyzer: String, _ predicate: (Int) -> Bool = { _ in true }) -> [Int] {
    (byAnalyzer[analyzer] ?? []).filter(predicate)
  }

  private func share(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }
  private func per100(_ count: Int) -> Double { words == 0 ? 0 : Double(count) * 100 / Double(words) }

  /// Voice findings of the analyzed sentences that satisfy a predicate (given a position in
  /// `sentences`), and their words.
  private func voiceEvidence(_ predicate: (Int) -> Bool) -> (evidence: [Int], words: Int) {
    var evidence: [Int] = []
    var words = 0
    for position in sentences.indices where predicate(position) {
      if let finding = voiceFindingOfSentence[sentences[position].index] { evidence.append(finding) }
      words += sentences[position].words
    }
    return (evidence.sorted(), words)
  }

  private func entity(_ id: String) -> SourceEntity? { lexicons.entity(id) }

  private mutating func computeSourcing() {
    let sourcing = indexes(SourcingAnalyzer.id) { findings[$0].label == "attributed" || findings[$0].label == "speaker" }
    let distinct = Set(sourcing.compactMap { findings[$0].entity })
    add("sourcing.distinct_sources", Double(distinct.count), evidence: sourcing)
    let attributed = voiceEvidence { sentences[$0].voice.isReported && !sentences[$0].speakers.isEmpty }
    add("sourcing.attributed_share", share(attributed.words, words), evidence: attributed.evidence)
    let state = voiceEvidence { sentences[$0].speakers.contains { entity($0)?.stateAffiliated ?? false } }
    add("sourcing.state_affiliated_share", share(state.words, words), evidence: state.evidence)
    add("sourcing.state_share_of_attributed", share(state.words, attributed.words), evidence: state.evidence)
    let anonymous = voiceEvidence { sentences[$0].speakers.contains { entity($0)?.kind == "anonymous" } }
    add("sourcing.anonymous_share", share(anonymous.words, words), evidence: anonymous.evidence)
    let independentKinds: Set<String> = ["independent-media", "opposition", "ngo"]
    let independent = sourcing.filter { findings[$0].entity.flatMap { entity($0) }.map { independentKinds.contains($0.kind) } ?? false }
    add("sourcing.independent_voices", Double(Set(independent.compactMap { findings[$0].entity }).count), evidence: independent)
    var perSource: [String: Int] = [:]
    for sentence in sentences where sentence.voice.isReported { for speaker in sentence.speakers { perSource[speaker, default: 0] += 1 } }
    let total = Double(perSource.values.reduce(0, +))
    var entropy = 0.0
    for count in perSource.values where count > 0 {
      let p = Double(count) / total
      entropy -= p * log(p)
    }
    let diversity = perSource.count > 1 ? entropy / log(Double(perSource.count)) : 0
    add("sourcing.diversity", diversity, evidence: attributed.evidence)
  }

  private mutating func computeVoice() {
    for voice in SentenceVoice.allCases {
      let evidence = indexes(VoiceAnalyzer.id) { findings[$0].label == voice.rawValue && sentenceIndexes.contains(findings[$0].sentence) }
      add(Self.voiceShareIDs[voice]!, share(evidence.count, sentences.count), evidence: evidence)
    }
    var reportedWords = 0
    for sentence in sentences {
      // Words inside reported regions: approximated by the share of the sentence's characters they cover.
      let length = max(sentence.end - sentence.start, 1)
      let covered = sentence.reported.reduce(0) { $0 + $1.length }
      reportedWords += Int((Double(sentence.words) * Double(min(covered, length)) / Double(length)).rounded())
    }
    let authorial = indexes(VoiceAnalyzer.id) { findings[$0].label == "assertion" && sentenceIndexes.contains(findings[$0].sentence) }
    add("voice.authorial_word_share", share(words - reportedWords, words), evidence: authorial)
    for stance in Stance.allCases {
      let verbs = indexes(ReportingVerbAnalyzer.id) { findings[$0].label == stance.rawValue }
      add(Self.stanceIDs[stance]!, Double(verbs.count), evidence: verbs)
    }
  }

  private mutating func computeHedging() {
    let hedges = indexes(HedgeAnalyzer.id) { findings[$0].label != "booster" }
    add("hedging.per_100_words", per100(hedges.count), evidence: hedges)
    let authorial = hedges.filter { findings[$0].voice == .authorial }
    add("hedging.authorial_per_100_words", per100(authorial.count), evidence: authorial)
    let boosters = indexes(HedgeAnalyzer.id) { findings[$0].label == "booster" }
    add("hedging.boosters_per_100_words", per100(boosters.count), evidence: boosters)
    let authorialBoosters = boosters.filter { findings[$0].voice == .authorial }
    add("hedging.boosters_authorial_per_100_words", per100(authorialBoosters.count), evidence: authorialBoosters)
    let distancing = indexes(HedgeAnalyzer.id) { findings[$0].label == "distancing" || findings[$0].label == "scare-quote" }
    add("hedging.distancing_per_100_words", per100(distancing.count), evidence: distancing)
  }

  private mutating func computeLoaded() {
    let loaded = indexes(LoadedTermAnalyzer.id)
    add("loaded.per_100_words", per100(loaded.count), evidence: loaded)
    let authorial = loaded.filter { findings[$0].voice == .authorial }
    add("loaded.authorial_per_100_words", per100(authorial.count), evidence: authorial)
    for category in LexiconKind.loaded.categories {
      let hits = loaded.filter { findings[$0].label == category }
      add(Self.loadedCategoryIDs[category]!, Double(hits.count), evidence: hits)
    }
    for polarity in Polarity.allCases {
      let hits = loaded.filter { findings[$0].polarity == polarity.rawValue }
      add(Self.polarityIDs[polarity]!, Double(hits.count), evidence: hits)
    }
    var targets: [String: [Int]] = [:]
    for index in authorial { if let entity = findings[index].entity { targets[entity, default: []].append(index) } }
    for (entity, hits) in targets.sorted(by: { $0.key < $1.key }) {
      let net = hits.reduce(0) { sum, index in
        sum + (findings[index].polarity == "positive" ? 1 : findings[index].polarity == "negative" ? -1 : 0)
      }
      add("loaded.net_polarity.\(entity)", Double(net), evidence: hits)
    }
    var naming: [String: [Int]] = [:]
    for index in indexes(NamingAnalyzer.id) {
      let finding = findings[index]
      naming["\(finding.details["refers_to"] ?? "unknown").\(finding.details["side"] ?? "neutral")", default: []].append(index)
    }
    for (key, hits) in naming.sorted(by: { $0.key < $1.key }) {
      add("naming.\(key)", Double(hits.count), evidence: hits)
    }
  }
}
