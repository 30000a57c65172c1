import Foundation

/// Builds a `Profile` from an attributed article and its findings. Every score is computed from
/// findings (and the word counts of the sentences they cite) and lists them as evidence.
public struct ProfileBuilder {
  public let lexicons: LexiconSet
  public var includeText = false
  /// The profile.yaml parameters, read once per builder rather than by name per article.
  private let parameters: CompositeIndices.Parameters

  public init(lexicons: LexiconSet, includeText: Bool = false) {
    self.lexicons = lexicons
    self.includeText = includeText
    parameters = CompositeIndices.Parameters(lexicons.settings)
  }

  public func build(_ article: AttributedArticle, findings: [Finding]) -> Profile {
    let text = article.text
    let document = text.document
    var sentences: [Profile.SentenceInfo] = []
    sentences.reserveCapacity(min(text.sentences.count, article.speech.sentences.count))
    for (index, (sentence, speech)) in zip(text.sentences, article.speech.sentences).enumerated() {
      sentences.append(Profile.SentenceInfo(
        index: index, start: sentence.span.start, end: sentence.span.end, paragraph: sentence.paragraph, title: sentence.isTitle,
        words: text.wordCount(sentence.tokens), voice: speech.voice, speakers: speech.speakers, chain: speech.chain,
        reason: speech.reason, reported: speech.reported, verbs: speech.verbs, cues: speech.cues,
        textSlice: article.sentenceSlices[index]))
    }
    let byAnalyzer = FindingsByAnalyzer(findings)
    let analyzed = AnalyzedSentences(all: sentences, findings: findings, byAnalyzer: byAnalyzer, lexicons: lexicons)
    let counts = Profile.Counts(paragraphs: text.paragraphs.count, sentences: text.sentences.count, tokens: text.tokens.count,
                                words: text.tokens.reduce(0) { $0 + ($1.isWord ? 1 : 0) }, analyzedWords: analyzed.words)
    let metadata = document.metadata
    let title = text.title.map { (span: $0.span, text: text.text($0.span)) }
    let info = Profile.Article(
      id: document.id, title: metadata.title ?? title?.text, outlet: metadata.outlet,
      published: metadata.published, url: metadata.url, language: text.language.language.rawValue,
      languageConfidence: JSONOutput.round(text.language.confidence), encoding: document.encoding,
      textSha256: document.textSHA256, counts: counts, extra: metadata.extra)
    let layout = Profile.Layout(
      title: title.map { Profile.SpanText(start: $0.span.start, end: $0.span.end, text: $0.text) },
      boilerplate: text.boilerplate.map { Profile.BoilerplateInfo(start: $0.span.start, end: $0.span.end, reason: $0.reason, text: $0.text) },
      credits: article.speech.credits,
      paragraphs: text.paragraphs.map {
        Profile.ParagraphInfo(start: $0.span.start, end: $0.span.end, language: $0.language.language.rawValue,
                              languageConfidence: JSONOutput.round($0.language.confidence), sentences: Array($0.sentences))
      },
      quotations: text.quotations.map {
        Profile.QuotationInfo(start: $0.span.start, end: $0.span.end, innerStart: $0.inner.start, innerEnd: $0.inner.end,
                              kind: $0.kind.rawValue, depth: $0.depth, closed: $0.closed, textSlice: text.slice($0.span))
      })
    var chains: [[[String]]] = []
    for speech in article.speech.sentences where !speech.chain.isEmpty {
      let chain = article.speech.byline.isEmpty ? speech.chain : [article.speech.byline] + speech.chain
      if !chains.contains(chain) { chains.append(chain) }
    }
    let sheet = ScoreSheet(findings: findings, byAnalyzer: byAnalyzer, sentences: analyzed, lexicons: lexicons)
    let sources = sourceTable(findings: findings, sourcing: byAnalyzer.sourcing, sentences: analyzed,
                              firstParagraph: text.paragraphs.first?.sentences ?? 0..<0)
    let composite = CompositeIndices(findings: findings, byAnalyzer: byAnalyzer, sheet: sheet, sentences: analyzed, sources: sources,
                                     lexicons: lexicons, parameters: parameters)
    return Profile(
      schema: Profile.schemaVersion, toolVersion: FramingVersion.tool, lexiconHash: lexicons.hash, article: info,
      text: includeText ? document.text : nil, layout: layout, sentences: sentences,
      sources: sources, attribution: Profile.Attribution(byline: article.speech.byline, chains: chains), findings: findings,
      scores: sheet.scores, indices: composite.indices, flags: composite.flags, warnings: text.warnings)
  }

  private static let rolePriority: [String] = ["byline", "attributed", "speaker", "credit", "mentioned"]

  private func sourceTable(findings: [Finding], sourcing: [Int], sentences analyzed: AnalyzedSentences,
                           firstParagraph: Range<Int>) -> [Profile.SourceInfo] {
    let words = max(analyzed.words, 1)
    var byEntity: [(entity: String, evidence: [Int])] = []
    for index in sourcing {
      guard let entity = findings[index].entity else { continue }
      if let known = byEntity.firstIndex(where: { $0.entity == entity }) {
        byEntity[known].evidence.append(index)
      } else {
        byEntity.append((entity, [index]))
      }
    }
    var rows: [Profile.SourceInfo] = []
    for (id, evidence) in byEntity {
      guard let position = lexicons.entityPosition(id) else { continue }
      let entity = lexicons.entities[position]
      var cited: [Int] = [], citedWords = 0, leads = false
      // Fields read in place: copying a sentence would retain all of its arrays and strings.
      for position in analyzed.sentences.indices where analyzed.sentences[position].speakers.contains(id) {
        let index = analyzed.sentences[position].index
        cited.append(index)
        citedWords += analyzed.sentences[position].words
        if analyzed.sentences[position].title || firstParagraph.contains(index) { leads = true }
      }
      rows.append(Profile.SourceInfo(
        entity: id, name: entity.name, kind: entity.kind, country: entity.country, stateAffiliated: entity.stateAffiliated,
        roles: Self.rolePriority.filter { role in evidence.contains { findings[$0].label == role } }, mentions: evidence.count,
        sentences: cited, wordShare: JSONOutput.round(Double(citedWords) / Double(words)), leads: leads, evidence: evidence))
    }
    return rows.sorted {
      ($0.wordShare, $0.mentions, $1.entity) > ($1.wordShare, $1.mentions, $0.entity)
    }
  }
}

/// The score formulas. Each formula id is documented in the README; `analyzed words` are the words of
/// the title and body sentences (a byline excluded). Each analyzer's findings are read in one pass,
/// in order, so every evidence list comes out sorted.
struct ScoreSheet {
  /// The scores every article has, in the order they are listed (loaded-term categories and
  /// polarities, net polarities and naming variants follow them): the indices read them by case.
  enum Base: Int, CaseIterable {
    case distinctSources, attributedShare, stateAffiliatedShare, stateShareOfAttributed, anonymousShare, independentVoices
    case diversity, shareDirect, shareIndirect, shareAttributed, shareAssertion, authorialWordShare
    case stanceNeutral, stanceDistancing, stancePresupposing, stanceEmotive
    case hedges, authorialHedges, boosters, authorialBoosters, distancing, loaded, authorialLoaded

    var id: String {
      switch self {
      case .distinctSources: "sourcing.distinct_sources"
      case .attributedShare: "sourcing.attributed_share"
      case .stateAffiliatedShare: "sourcing.state_affiliated_share"
      case .stateShareOfAttributed: "sourcing.state_share_of_attributed"
      case .anonymousShare: "sourcing.anonymous_share"
      case .independentVoices: "sourcing.independent_voices"
      case .diversity: "sourcing.diversity"
      case .shareDirect: "voice.share.direct"
      case .shareIndirect: "voice.share.indirect"
      case .shareAttributed: "voice.share.attributed"
      case .shareAssertion: "voice.share.assertion"
      case .authorialWordShare: "voice.authorial_word_share"
      case .stanceNeutral: "voice.stance.neutral"
      case .stanceDistancing: "voice.stance.distancing"
      case .stancePresupposing: "voice.stance.presupposing"
      case .stanceEmotive: "voice.stance.emotive"
      case .hedges: "hedging.per_100_words"
      case .authorialHedges: "hedging.authorial_per_100_words"
      case .boosters: "hedging.boosters_per_100_words"
      case .authorialBoosters: "hedging.boosters_authorial_per_100_words"
      case .distancing: "hedging.distancing_per_100_words"
      case .loaded: "loaded.per_100_words"
      case .authorialLoaded: "loaded.authorial_per_100_words"
      }
    }

    static func share(_ voice: SentenceVoice) -> Base {
      switch voice {
      case .direct: .shareDirect
      case .indirect: .shareIndirect
      case .attributed: .shareAttributed
      case .assertion: .shareAssertion
      }
    }

    static func stance(_ stance: Stance) -> Base {
      switch stance {
      case .neutral: .stanceNeutral
      case .distancing: .stanceDistancing
      case .presupposing: .stancePresupposing
      case .emotive: .stanceEmotive
      }
    }
  }

  private(set) var scores: [Profile.Score] = []

  /// The loaded-term categories and polarities that have a score of their own, after the base ones.
  private static let loadedCategories = LexiconKind.loaded.categories
  private static let polarities = Polarity.allCases
  /// The ids of the scores every profile has (each its own formula id), with their JSON, spelled once.
  private static let baseNames = Base.allCases.map { named($0.id) }
  private static let loadedCategoryNames = loadedCategories.map { named("loaded.category.\($0)") }
  private static let polarityNames = polarities.map { named("loaded.polarity.\($0.rawValue)") }
  private static func named(_ id: String) -> ClosingMembers { ClosingMembers(formula: id, id: id) }
  /// The names spelled in advance, in the order every profile's scores begin with them.
  static let spelledNames = baseNames + loadedCategoryNames + polarityNames
  private static let voices = SentenceVoice.allCases
  private static let stances = Stance.allCases

  init(findings: [Finding], byAnalyzer: FindingsByAnalyzer, sentences: AnalyzedSentences, lexicons: LexiconSet) {
    scores.reserveCapacity(Base.allCases.count + Self.loadedCategories.count + Self.polarities.count)
    addSourcing(findings, byAnalyzer.sourcing, sentences, lexicons)
    addVoice(findings, byAnalyzer, sentences)
    addHedging(findings, byAnalyzer.hedging, words: sentences.words)
    addLoaded(findings, byAnalyzer.loadedTerms, words: sentences.words)
    addNaming(findings, byAnalyzer.naming)
  }

  subscript(base: Base) -> Profile.Score { scores[base.rawValue] }

  private mutating func add(_ base: Base, _ value: Double, evidence: [Int]) {
    assert(scores.count == base.rawValue, "base score \(base.id) out of place")
    add(Self.baseNames[base.rawValue], value, evidence: evidence)
  }

  /// A score named by one of the static names above (they live as long as the process).
  private mutating func add(_ name: ClosingMembers, _ value: Double, evidence: [Int]) {
    scores.append(Profile.Score(value: JSONOutput.round(value), evidence: evidence, closing: name, lasting: true))
  }

  /// A score whose id depends on the article (an entity, a naming side), spelled when written.
  private mutating func add(_ id: String, _ value: Double, evidence: [Int]) {
    scores.append(Profile.Score(id: id, value: JSONOutput.round(value), formula: id, evidence: evidence))
  }

  private func share(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }
  private func per100(_ count: Int, words: Int) -> Double { words == 0 ? 0 : Double(count) * 100 / Double(words) }

  /// Voice findings of the analyzed sentences that satisfy a predicate (given a position in
  /// `analyzed.sentences`), and their words.
  private func voiceEvidence(_ analyzed: AnalyzedSentences, _ predicate: (Int) -> Bool) -> (evidence: [Int], words: Int) {
    var evidence: [Int] = []
    var words = 0
    for position in analyzed.sentences.indices where predicate(position) {
      if let finding = analyzed.voiceFinding(of: analyzed.sentences[position].index) { evidence.append(finding) }
      words += analyzed.sentences[position].words
    }
    // Voice findings come in sentence order, so the list is mostly sorted already.
    if !evidence.isAscending { evidence.sort() }
    return (evidence, words)
  }

  private mutating func addSourcing(_ findings: [Finding], _ sourcing: [Int], _ analyzed: AnalyzedSentences, _ lexicons: LexiconSet) {
    var sources: [Int] = [], independent: [Int] = []
    var distinct: [String] = [], distinctIndependent: [String] = []
    for index in sourcing where findings[index].label == "attributed" || findings[index].label == "speaker" {
      sources.append(index)
      guard let entity = findings[index].entity else { continue }
      if !distinct.contains(entity) { distinct.append(entity) }
      guard let position = lexicons.entityPosition(entity), SourceEntity.independentKinds.contains(lexicons.entities[position].kind) else { continue }
      independent.append(index)
      if !distinctIndependent.contains(entity) { distinctIndependent.append(entity) }
    }
    let words = analyzed.words
    add(.distinctSources, Double(distinct.count), evidence: sources)
    let attributed = voiceEvidence(analyzed) {
      analyzed.sentences[$0].voice.isReported && !analyzed.sentences[$0].speakers.isEmpty
    }
    add(.attributedShare, share(attributed.words, words), evidence: attributed.evidence)
    let state = voiceEvidence(analyzed) { analyzed.traits[$0].contains(.stateAffiliated) }
    add(.stateAffiliatedShare, share(state.words, words), evidence: state.evidence)
    add(.stateShareOfAttributed, share(state.words, attributed.words), evidence: state.evidence)
    let anonymous = voiceEvidence(analyzed) { analyzed.traits[$0].contains(.anonymous) }
    add(.anonymousShare, share(anonymous.words, words), evidence: anonymous.evidence)
    add(.independentVoices, Double(distinctIndependent.count), evidence: independent)
    // Reported sentences per speaker, speakers in order of appearance.
    var speakers: [String] = [], counts: [Int] = []
    for position in analyzed.sentences.indices where analyzed.sentences[position].voice.isReported {
      for speaker in analyzed.sentences[position].speakers {
        if let known = speakers.firstIndex(of: speaker) {
          counts[known] += 1
        } else {
          speakers.append(speaker)
          counts.append(1)
        }
      }
    }
    let total = Double(counts.reduce(0, +))
    var entropy = 0.0
    for count in counts {
      let p = Double(count) / total
      entropy -= p * log(p)
    }
    let diversity = counts.count > 1 ? entropy / log(Double(counts.count)) : 0
    add(.diversity, diversity, evidence: attributed.evidence)
  }

  /// The findings among `indexes` (those `keep` takes) by label, a list per case of `cases` in their
  /// order; labels of no case are left out. The lists are a value on the stack: a list of lists cost
  /// an allocation and a copy of each list per article.
  private static func byLabel<Label: RawRepresentable>(_ indexes: [Int], of findings: [Finding], cases: [Label],
                                                       where keep: (Int) -> Bool = { _ in true }) -> InlineArray<4, [Int]>
    where Label.RawValue == String {
    precondition(cases.count <= 4, "more labels than the lists hold")
    var lists = InlineArray<4, [Int]>(repeating: [])
    for index in indexes where keep(index) {
      let label = findings[index].label
      if let position = cases.firstIndex(where: { $0.rawValue == label }) { lists[position].append(index) }
    }
    return lists
  }

  private mutating func addVoice(_ findings: [Finding], _ byAnalyzer: FindingsByAnalyzer, _ analyzed: AnalyzedSentences) {
    let byVoice = Self.byLabel(byAnalyzer.voice, of: findings, cases: Self.voices) { analyzed.isAnalyzed(findings[$0].sentence) }
    for (position, voice) in Self.voices.enumerated() {
      add(.share(voice), share(byVoice[position].count, analyzed.sentences.count), evidence: byVoice[position])
    }
    var reportedWords = 0
    for position in analyzed.sentences.indices {
      // Words inside reported regions: approximated by the share of the sentence's characters they cover.
      let (start, end, words) = (analyzed.sentences[position].start, analyzed.sentences[position].end, analyzed.sentences[position].words)
      let length = max(end - start, 1)
      let covered = analyzed.sentences[position].reported.reduce(0) { $0 + $1.length }
      reportedWords += Int((Double(words) * Double(min(covered, length)) / Double(length)).rounded())
    }
    add(.authorialWordShare, share(analyzed.words - reportedWords, analyzed.words),
        evidence: byVoice[Self.voices.firstIndex(of: .assertion)!])
    let byStance = Self.byLabel(byAnalyzer.reportingVerbs, of: findings, cases: Self.stances)
    for (position, stance) in Self.stances.enumerated() {
      add(.stance(stance), Double(byStance[position].count), evidence: byStance[position])
    }
  }

  private mutating func addHedging(_ findings: [Finding], _ hedging: [Int], words: Int) {
    var hedges: [Int] = [], authorialHedges: [Int] = [], boosters: [Int] = [], authorialBoosters: [Int] = []
    var distancing: [Int] = []
    for index in hedging {
      let label = findings[index].label, authorial = findings[index].voice == .authorial
      if label == "booster" {
        boosters.append(index)
        if authorial { authorialBoosters.append(index) }
      } else {
        hedges.append(index)
        if authorial { authorialHedges.append(index) }
      }
      if label == "distancing" || label == "scare-quote" { distancing.append(index) }
    }
    add(.hedges, per100(hedges.count, words: words), evidence: hedges)
    add(.authorialHedges, per100(authorialHedges.count, words: words), evidence: authorialHedges)
    add(.boosters, per100(boosters.count, words: words), evidence: boosters)
    add(.authorialBoosters, per100(authorialBoosters.count, words: words), evidence: authorialBoosters)
    add(.distancing, per100(distancing.count, words: words), evidence: distancing)
  }

  private mutating func addLoaded(_ findings: [Finding], _ loaded: [Int], words: Int) {
    // Most articles have no loaded term: every score of the kind is then 0 without evidence.
    guard !loaded.isEmpty else {
      add(.loaded, 0, evidence: [])
      add(.authorialLoaded, 0, evidence: [])
      for name in Self.loadedCategoryNames { add(name, 0, evidence: []) }
      for name in Self.polarityNames { add(name, 0, evidence: []) }
      return
    }
    var authorial: [Int] = []
    var byCategory = [[Int]](copies: [], count: Self.loadedCategories.count)
    var byPolarity = [[Int]](copies: [], count: Self.polarities.count)
    var targets: [(entity: String, hits: [Int])] = []
    for index in loaded {
      let label = findings[index].label, polarity = findings[index].polarity
      if findings[index].voice == .authorial {
        authorial.append(index)
        if let entity = findings[index].entity {
          if let known = targets.firstIndex(where: { $0.entity == entity }) {
            targets[known].hits.append(index)
          } else {
            targets.append((entity, [index]))
          }
        }
      }
      if let position = Self.loadedCategories.firstIndex(of: label) { byCategory[position].append(index) }
      if let position = Self.polarities.firstIndex(where: { $0.rawValue == polarity }) { byPolarity[position].append(index) }
    }
    add(.loaded, per100(loaded.count, words: words), evidence: loaded)
    add(.authorialLoaded, per100(authorial.count, words: words), evidence: authorial)
    for (position, hits) in byCategory.enumerated() {
      add(Self.loadedCategoryNames[position], Double(hits.count), evidence: hits)
    }
    for (position, hits) in byPolarity.enumerated() {
      add(Self.polarityNames[position], Double(hits.count), evidence: hits)
    }
    for (entity, hits) in targets.sorted(by: { $0.entity < $1.entity }) {
      let net = hits.reduce(0) { sum, index in
        sum + (findings[index].polarity == "positive" ? 1 : findings[index].polarity == "negative" ? -1 : 0)
      }
      add("loaded.net_polarity.\(entity)", Double(net), evidence: hits)
    }
  }

  private mutating func addNaming(_ findings: [Finding], _ naming: [Int]) {
    // Grouped by what a name refers to and its side; the score's name is spelled once per group.
    var variants: [(refersTo: String, side: String, hits: [Int])] = []
    for index in naming {
      let details = findings[index].details
      let refersTo = details["refers_to"] ?? "unknown", side = details["side"] ?? "neutral"
      if let known = variants.firstIndex(where: { $0.refersTo == refersTo && $0.side == side }) {
        variants[known].hits.append(index)
      } else {
        variants.append((refersTo, side, [index]))
      }
    }
    let named = variants.map { (key: "naming.\($0.refersTo).\($0.side)", hits: $0.hits) }
    for (key, hits) in named.sorted(by: { $0.key < $1.key }) {
      add(key, Double(hits.count), evidence: hits)
    }
  }
}
