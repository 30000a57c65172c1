import Foundation

/// Composite indices and flags, computed from a profile's scores and findings with the parameters of
/// `lexicons/profile.yaml`. Every formula is written out in the README.
struct CompositeIndices {
  let findings: [Finding]
  let scores: [Profile.Score]
  let sentences: [Profile.SentenceInfo]
  let sources: [Profile.SourceInfo]
  let lexicons: LexiconSet
  /// Scores by id, and the analyzed words: looked up many times per article.
  private let scoreByID: [String: Profile.Score]
  private let words: Int

  init(findings: [Finding], scores: [Profile.Score], sentences: [Profile.SentenceInfo], sources: [Profile.SourceInfo],
       lexicons: LexiconSet) {
    self.findings = findings
    self.scores = scores
    self.sentences = sentences
    self.sources = sources
    self.lexicons = lexicons
    scoreByID = Dictionary(scores.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    words = sentences.reduce(0) { $0 + $1.words }
  }

  private var settings: ProfileSettings { lexicons.settings }

  private func score(_ id: String) -> Profile.Score? { scoreByID[id] }
  private func value(_ id: String) -> Double { score(id)?.value ?? 0 }
  private func evidence(_ ids: String...) -> [Int] { Array(Set(ids.flatMap { score($0)?.evidence ?? [] })).sorted() }

  private func index(_ id: String, _ value: Double, _ components: [String: Double], _ evidence: [Int]) -> Profile.Index {
    Profile.Index(id: id, value: JSONOutput.round(value.isFinite ? value : 0), formula: "index.\(id)",
                  components: components.mapValues { JSONOutput.round($0.isFinite ? $0 : 0) }, evidence: evidence.sorted())
  }

  var indices: [Profile.Index] {
    var result: [Profile.Index] = []
    // official relay
    let counterKinds: Set<String> = ["independent-media", "opposition", "ngo", "international-org"]
    let attributed = sentences.filter { $0.voice.isReported && !$0.speakers.isEmpty }
    let counter = attributed.filter { $0.speakers.contains { lexicons.entity($0).map { counterKinds.contains($0.kind) } ?? false } }
    let attributedWords = attributed.reduce(0) { $0 + $1.words }
    let counterShare = attributedWords == 0 ? 0 : Double(counter.reduce(0) { $0 + $1.words }) / Double(attributedWords)
    let counterIDs = Set(counter.map(\.index))
    let counterEvidence = findings.indices.filter { findings[$0].analyzer == VoiceAnalyzer.id && counterIDs.contains(findings[$0].sentence) }
    let state = value("sourcing.state_affiliated_share")
    let counterWeight = settings.index("official-relay", "counter_weight")
    result.append(index("official-relay", state * (1 - counterWeight * counterShare),
                        ["state_affiliated_share": state, "counter_voice_share": counterShare],
                        evidence("sourcing.state_affiliated_share") + counterEvidence))
    // source diversity
    let diversity = value("sourcing.diversity"), distinct = value("sourcing.distinct_sources")
    let independent = value("sourcing.independent_voices")
    let p = { (name: String) in settings.index("source-diversity", name) }
    let countPart = min(1, distinct / max(p("count_saturation"), 1))
    let independentPart = min(1, independent / max(p("independent_saturation"), 1))
    result.append(index("source-diversity", p("entropy_weight") * diversity + p("count_weight") * countPart + p("independent_weight") * independentPart,
                        ["diversity": diversity, "distinct_sources": distinct, "independent_voices": independent],
                        evidence("sourcing.diversity", "sourcing.distinct_sources", "sourcing.independent_voices")))
    // editorial distance
    let e = { (name: String) in settings.index("editorial-distance", name) }
    let reportedShare = 1 - value("voice.share.assertion")
    let distancing = min(1, value("hedging.distancing_per_100_words") / max(e("distancing_saturation"), 0.0001))
    let verbs = Stance.allCases.reduce(0.0) { $0 + value("voice.stance.\($1.rawValue)") }
    let verbShare = verbs == 0 ? 0 : value("voice.stance.distancing") / verbs
    result.append(index("editorial-distance", e("attribution_weight") * reportedShare + e("distancing_weight") * distancing + e("verb_weight") * verbShare,
                        ["reported_sentence_share": reportedShare, "distancing_rate": distancing, "distancing_verb_share": verbShare],
                        evidence("voice.share.direct", "voice.share.indirect", "voice.share.attributed", "hedging.distancing_per_100_words",
                                 "voice.stance.distancing")))
    // loadedness
    let l = { (name: String) in settings.index("loadedness", name) }
    let authorialLoaded = findings.indices.filter { findings[$0].analyzer == LoadedTermAnalyzer.id && findings[$0].voice == .authorial }
    let weighted = authorialLoaded.reduce(0.0) { sum, index in
      sum + l("\(findings[index].polarity ?? "neutral")_weight")
    }
    let rate = words == 0 ? 0 : weighted * 100 / Double(words)
    result.append(index("loadedness", min(1, rate / max(l("saturation"), 0.0001)),
                        ["weighted_authorial_per_100_words": rate, "authorial_terms": Double(authorialLoaded.count)], authorialLoaded))
    // certainty balance
    let boosters = findings.indices.filter { findings[$0].analyzer == HedgeAnalyzer.id && findings[$0].voice == .authorial && findings[$0].label == "booster" }
    let hedges = findings.indices.filter { findings[$0].analyzer == HedgeAnalyzer.id && findings[$0].voice == .authorial && findings[$0].label != "booster" }
    let markers = Double(boosters.count + hedges.count)
    let balance = markers >= max(settings.index("certainty-balance", "minimum_markers"), 1) ? Double(boosters.count - hedges.count) / markers : 0
    result.append(index("certainty-balance", balance, ["authorial_boosters": Double(boosters.count), "authorial_hedges": Double(hedges.count)],
                        boosters + hedges))
    return result
  }

  private func name(_ entity: String) -> String { lexicons.entity(entity)?.name ?? entity }

  private func quoted(_ finding: Finding) -> String { "„\(finding.surface)”" }

  var flags: [Profile.Flag] {
    var result: [Profile.Flag] = []
    let attributed = sentences.filter { $0.voice.isReported && !$0.speakers.isEmpty }
    let voiceEvidence = { (ids: Set<Int>) in
      findings.indices.filter { findings[$0].analyzer == VoiceAnalyzer.id && ids.contains(findings[$0].sentence) }
    }
    // state-only sourcing
    let stateOnly = attributed.allSatisfy { $0.speakers.contains { lexicons.entity($0)?.stateAffiliated ?? false } }
    if Double(attributed.count) >= settings.flag("state-only-sourcing", "minimum_attributed_sentences"), stateOnly,
       value("sourcing.independent_voices") == 0 {
      let names = Array(Set(attributed.flatMap(\.speakers))).sorted().map(name)
      result.append(Profile.Flag(id: "state-only-sourcing",
        text: "All \(attributed.count) attributed sentences come from state-affiliated sources (\(names.joined(separator: ", "))); no independent or opposition voice.",
        evidence: voiceEvidence(Set(attributed.map(\.index)))))
    }
    // dominant source
    if let top = sources.first, top.wordShare >= settings.flag("dominant-source", "minimum_word_share") {
      let percent = Int((top.wordShare * 100).rounded())
      result.append(Profile.Flag(id: "dominant-source",
        text: "\(top.name) carries \(percent)% of the words (\(top.sentences.count) of \(sentences.count) sentences are tied to this source).",
        evidence: voiceEvidence(Set(top.sentences))))
    }
    // no sourcing
    if attributed.isEmpty || value("sourcing.attributed_share") <= settings.flag("no-sourcing", "maximum_attributed_share") {
      result.append(Profile.Flag(id: "no-sourcing", text: "No sentence is tied to a source: the article speaks in the outlet's own voice throughout.",
                                 evidence: findings.indices.filter { findings[$0].analyzer == VoiceAnalyzer.id }))
    }
    // anonymous sourcing
    let anonymous = value("sourcing.anonymous_share")
    if anonymous >= settings.flag("anonymous-sourcing", "minimum_anonymous_share") && anonymous > 0 {
      result.append(Profile.Flag(id: "anonymous-sourcing",
        text: "Anonymous or unnamed sources carry \(Int((anonymous * 100).rounded()))% of the words.",
        evidence: score("sourcing.anonymous_share")?.evidence ?? []))
    }
    // loaded terms in the outlet's voice
    let loaded = findings.indices.filter { findings[$0].analyzer == LoadedTermAnalyzer.id && findings[$0].voice == .authorial }
    if Double(loaded.count) >= max(settings.flag("authorial-loaded-terms", "minimum_count"), 1) {
      let listed = loaded.prefix(6).map { "\(quoted(findings[$0])) (\(findings[$0].label))" }.joined(separator: ", ")
      result.append(Profile.Flag(id: "authorial-loaded-terms",
        text: "Loaded terms in the outlet's own voice: \(listed)\(loaded.count > 6 ? " and \(loaded.count - 6) more" : "").", evidence: loaded))
    }
    // Russian-usage naming in the outlet's voice
    let russian = findings.indices.filter {
      findings[$0].analyzer == NamingAnalyzer.id && findings[$0].voice == .authorial && findings[$0].details["side"] == "russian-usage"
    }
    if Double(russian.count) >= max(settings.flag("russian-usage-naming", "minimum_count"), 1) {
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
