import Foundation

/// Composite indices and flags, computed from a profile's scores and findings with the parameters of
/// `lexicons/profile.yaml`. Every formula is written out in the README. A class: its formulas'
/// closures capture it, and a struct of a dozen arrays would be copied, each retained, for each.
final class CompositeIndices {
  /// The profile.yaml parameters the formulas read.
  struct Parameters {
    let counterWeight: Double
    let countSaturation, independentSaturation, entropyWeight, countWeight, independentWeight: Double
    let distancingSaturation, attributionWeight, distancingWeight, verbWeight: Double
    let loadedSaturation: Double
    /// The loadedness weight of each polarity, in `Polarity.allCases` order.
    let polarityWeights: [Double]
    let minimumMarkers: Double
    let stateOnlyMinimumSentences, dominantMinimumWordShare, noSourcingMaximumShare, anonymousMinimumShare: Double
    let loadedMinimumCount, russianNamingMinimumCount: Double

    init(_ settings: ProfileSettings) {
      counterWeight = settings.index("official-relay", "counter_weight")
      countSaturation = settings.index("source-diversity", "count_saturation")
      independentSaturation = settings.index("source-diversity", "independent_saturation")
      entropyWeight = settings.index("source-diversity", "entropy_weight")
      countWeight = settings.index("source-diversity", "count_weight")
      independentWeight = settings.index("source-diversity", "independent_weight")
      distancingSaturation = settings.index("editorial-distance", "distancing_saturation")
      attributionWeight = settings.index("editorial-distance", "attribution_weight")
      distancingWeight = settings.index("editorial-distance", "distancing_weight")
      verbWeight = settings.index("editorial-distance", "verb_weight")
      loadedSaturation = settings.index("loadedness", "saturation")
      polarityWeights = Polarity.allCases.map { settings.index("loadedness", "\($0.rawValue)_weight") }
      minimumMarkers = settings.index("certainty-balance", "minimum_markers")
      stateOnlyMinimumSentences = settings.flag("state-only-sourcing", "minimum_attributed_sentences")
      dominantMinimumWordShare = settings.flag("dominant-source", "minimum_word_share")
      noSourcingMaximumShare = settings.flag("no-sourcing", "maximum_attributed_share")
      anonymousMinimumShare = settings.flag("anonymous-sourcing", "minimum_anonymous_share")
      loadedMinimumCount = settings.flag("authorial-loaded-terms", "minimum_count")
      russianNamingMinimumCount = settings.flag("russian-usage-naming", "minimum_count")
    }
  }

  let findings: [Finding]
  let byAnalyzer: FindingsByAnalyzer
  let sheet: ScoreSheet
  let sentences: AnalyzedSentences
  let sources: [Profile.SourceInfo]
  let lexicons: LexiconSet
  let parameters: Parameters
  /// The analyzed sentences tied to a source (reported and with a speaker), as positions in
  /// `sentences.sentences`; indices and flags both start from them.
  private let attributed: [Int]

  init(findings: [Finding], byAnalyzer: FindingsByAnalyzer, sheet: ScoreSheet, sentences: AnalyzedSentences,
       sources: [Profile.SourceInfo], lexicons: LexiconSet, parameters: Parameters) {
    self.findings = findings
    self.byAnalyzer = byAnalyzer
    self.sheet = sheet
    self.sentences = sentences
    self.sources = sources
    self.lexicons = lexicons
    self.parameters = parameters
    attributed = sentences.sentences.indices.filter { sentences.sentences[$0].voice.isReported && !sentences.sentences[$0].speakers.isEmpty }
  }

  private func value(_ base: ScoreSheet.Base) -> Double { sheet[base].value }

  /// The evidence of several scores, each finding once.
  private func evidence(_ bases: ScoreSheet.Base...) -> [Int] {
    // Most articles give evidence to few of these scores: none or one needs no merging.
    var given: ScoreSheet.Base?
    for base in bases where !sheet[base].evidence.isEmpty {
      guard given == nil else { return Self.sortedUnique(bases.flatMap { sheet[$0].evidence }) }
      given = base
    }
    return given.map { Self.sortedUnique(sheet[$0].evidence) } ?? []
  }

  /// An index's id, formula id ("index.<id>") and component names with their JSON, spelled once
  /// rather than per article; and its components when all are 0, as in most short articles.
  private struct Name {
    let members: ClosingMembers
    let zeroComponents: LabelMap<Double>

    init(_ id: String, _ components: [String]) {
      members = ClosingMembers(formula: "index.\(id)", id: id, componentNames: components)
      zeroComponents = LabelMap(sortedEntries: components.map { LabelMap.Entry(name: $0, value: 0) })
    }

    static let officialRelay = Name("official-relay", ["counter_voice_share", "state_affiliated_share"])
    static let sourceDiversity = Name("source-diversity", ["distinct_sources", "diversity", "independent_voices"])
    static let editorialDistance = Name("editorial-distance", ["distancing_rate", "distancing_verb_share", "reported_sentence_share"])
    static let loadedness = Name("loadedness", ["authorial_terms", "weighted_authorial_per_100_words"])
    static let certaintyBalance = Name("certainty-balance", ["authorial_boosters", "authorial_hedges"])
  }

  /// An index; `components` are its name's components' values, in the order of their names.
  private func index(_ name: Name, _ value: Double, _ components: [Double], _ evidence: [Int]) -> Profile.Index {
    if value == 0 && evidence.isEmpty && components.allSatisfy({ $0 == 0 }) {
      return Profile.Index(value: 0, components: name.zeroComponents, evidence: [], closing: name.members)
    }
    let name = name.members
    precondition(components.count == name.componentNames.count, "an index's components and their names differ in number")
    var entries: [LabelMap<Double>.Entry] = []
    entries.reserveCapacity(components.count)
    for (position, component) in components.enumerated() {
      entries.append(LabelMap.Entry(name: name.componentNames[position], value: JSONOutput.round(component)))
    }
    return Profile.Index(value: JSONOutput.round(value), components: LabelMap(sortedEntries: entries),
                         evidence: Self.sortedUnique(evidence, keepingRepeats: true), closing: name)
  }

  /// `indexes` in ascending order (returned as they are when they are in order already), repeats
  /// removed unless asked to keep them.
  private static func sortedUnique(_ indexes: [Int], keepingRepeats: Bool = false) -> [Int] {
    var ordered = true
    var index = 1
    while index < indexes.count {
      if keepingRepeats ? indexes[index - 1] > indexes[index] : indexes[index - 1] >= indexes[index] { ordered = false; break }
      index += 1
    }
    if ordered { return indexes }
    let sorted = indexes.sorted()
    if keepingRepeats { return sorted }
    var unique: [Int] = []
    unique.reserveCapacity(sorted.count)
    for index in sorted where unique.last != index { unique.append(index) }
    return unique
  }

  /// Voice findings of the sentences a mask marks, in order.
  private func voiceFindings(of mask: SentenceMask) -> [Int] {
    byAnalyzer.voice.filter { mask.contains(findings[$0].sentence) }
  }

  /// The loadedness weight of a loaded term's polarity (neutral when it has none).
  private func weight(ofPolarity polarity: String?) -> Double {
    let name = polarity ?? Polarity.neutral.rawValue
    guard let position = Polarity.allCases.firstIndex(where: { $0.rawValue == name }) else {
      return lexicons.settings.index("loadedness", "\(name)_weight")
    }
    return parameters.polarityWeights[position]
  }

  var indices: [Profile.Index] {
    var result: [Profile.Index] = []
    result.reserveCapacity(5)
    let p = parameters
    // official relay
    let counter = attributed.filter { sentences.traits[$0].contains(.counterVoice) }
    let attributedWords = attributed.reduce(0) { $0 + sentences.sentences[$1].words }
    let counterShare = attributedWords == 0 ? 0 : Double(counter.reduce(0) { $0 + sentences.sentences[$1].words }) / Double(attributedWords)
    // Most articles have no counter-voice: no mask of their sentences is made then.
    let counterEvidence = counter.isEmpty ? [] : voiceFindings(of: sentences.mask(counter.lazy.map { self.sentences.sentences[$0].index }))
    let state = value(.stateAffiliatedShare)
    var relayEvidence = evidence(.stateAffiliatedShare)
    relayEvidence += counterEvidence
    result.append(index(Name.officialRelay, state * (1 - p.counterWeight * counterShare), [counterShare, state], relayEvidence))
    // source diversity
    let diversity = value(.diversity), distinct = value(.distinctSources), independent = value(.independentVoices)
    let countPart = min(1, distinct / max(p.countSaturation, 1))
    let independentPart = min(1, independent / max(p.independentSaturation, 1))
    result.append(index(Name.sourceDiversity, p.entropyWeight * diversity + p.countWeight * countPart + p.independentWeight * independentPart,
                        [distinct, diversity, independent],
                        evidence(.diversity, .distinctSources, .independentVoices)))
    // editorial distance
    let reportedShare = 1 - value(.shareAssertion)
    let distancing = min(1, value(.distancing) / max(p.distancingSaturation, 0.0001))
    let verbs = Stance.allCases.reduce(0.0) { $0 + value(.stance($1)) }
    let verbShare = verbs == 0 ? 0 : value(.stanceDistancing) / verbs
    result.append(index(Name.editorialDistance, p.attributionWeight * reportedShare + p.distancingWeight * distancing + p.verbWeight * verbShare,
                        [distancing, verbShare, reportedShare],
                        evidence(.shareDirect, .shareIndirect, .shareAttributed, .distancing, .stanceDistancing)))
    // loadedness
    let authorialLoaded = sheet[.authorialLoaded].evidence
    let weighted = authorialLoaded.reduce(0.0) { sum, index in
      sum + weight(ofPolarity: findings[index].polarity) * (findings[index].entry.map(lexicons.weight(ofEntry:)) ?? 1)
    }
    let rate = sentences.words == 0 ? 0 : weighted * 100 / Double(sentences.words)
    result.append(index(Name.loadedness, min(1, rate / max(p.loadedSaturation, 0.0001)),
                        [Double(authorialLoaded.count), rate], authorialLoaded))
    // certainty balance
    let boosters = sheet[.authorialBoosters].evidence, hedges = sheet[.authorialHedges].evidence
    let markers = Double(boosters.count + hedges.count)
    let balance = markers >= max(p.minimumMarkers, 1) ? Double(boosters.count - hedges.count) / markers : 0
    result.append(index(Name.certaintyBalance, balance, [Double(boosters.count), Double(hedges.count)],
                        boosters + hedges))
    return result
  }

  private func name(_ entity: String) -> String { lexicons.entity(entity)?.name ?? entity }

  private func quoted(_ finding: Finding) -> String { "„\(finding.surface)”" }

  var flags: [Profile.Flag] {
    var result: [Profile.Flag] = []
    let p = parameters
    // state-only sourcing
    let stateOnly = attributed.allSatisfy { sentences.traits[$0].contains(.stateAffiliated) }
    if Double(attributed.count) >= p.stateOnlyMinimumSentences, stateOnly, value(.independentVoices) == 0 {
      let names = Array(Set(attributed.flatMap { sentences.sentences[$0].speakers })).sorted().map(name)
      result.append(Profile.Flag(id: "state-only-sourcing",
        text: "All \(attributed.count) attributed sentences come from state-affiliated sources (\(names.joined(separator: ", "))); no independent or opposition voice.",
        evidence: voiceFindings(of: sentences.mask(attributed.lazy.map { self.sentences.sentences[$0].index }))))
    }
    // dominant source
    if let top = sources.first, top.wordShare >= p.dominantMinimumWordShare {
      let percent = Int((top.wordShare * 100).rounded())
      result.append(Profile.Flag(id: "dominant-source",
        text: "\(top.name) carries \(percent)% of the words (\(top.sentences.count) of \(sentences.sentences.count) sentences are tied to this source).",
        evidence: voiceFindings(of: sentences.mask(top.sentences))))
    }
    // no sourcing
    if attributed.isEmpty || value(.attributedShare) <= p.noSourcingMaximumShare {
      result.append(Profile.Flag(id: "no-sourcing", text: "No sentence is tied to a source: the article speaks in the outlet's own voice throughout.",
                                 evidence: byAnalyzer.voice))
    }
    // anonymous sourcing
    let anonymous = value(.anonymousShare)
    if anonymous >= p.anonymousMinimumShare && anonymous > 0 {
      result.append(Profile.Flag(id: "anonymous-sourcing",
        text: "Anonymous or unnamed sources carry \(Int((anonymous * 100).rounded()))% of the words.",
        evidence: sheet[.anonymousShare].evidence))
    }
    // loaded terms in the outlet's voice
    let loaded = sheet[.authorialLoaded].evidence
    if Double(loaded.count) >= max(p.loadedMinimumCount, 1) {
      let listed = loaded.prefix(6).map { "\(quoted(findings[$0])) (\(findings[$0].label))" }.joined(separator: ", ")
      result.append(Profile.Flag(id: "authorial-loaded-terms",
        text: "Loaded terms in the outlet's own voice: \(listed)\(loaded.count > 6 ? " and \(loaded.count - 6) more" : "").", evidence: loaded))
    }
    // Russian-usage naming in the outlet's voice
    let russian = byAnalyzer.naming.filter { findings[$0].voice == .authorial && findings[$0].details["side"] == "russian-usage" }
    if Double(russian.count) >= max(p.russianNamingMinimumCount, 1) {
      var counts: [String: Int] = [:]
      for index in russian { counts[findings[index].surface, default: 0] += 1 }
      let listed = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        .map { "„\($0.key)”\($0.value > 1 ? " ×\($0.value)" : "")" }.joined(separator: ", ")
      result.append(Profile.Flag(id: "russian-usage-naming",
        text: "Names associated with Russian usage in the outlet's own voice: \(listed).", evidence: russian))
    }
    return result
  }
}
