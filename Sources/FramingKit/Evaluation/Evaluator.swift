/// Scores the tool against gold annotations: sources (entity level per article, and surface spans),
/// sentence voice (aligned by overlap), hedges and loaded terms (span overlap, then type and voice on
/// matched spans) and boilerplate (line spans). Every miss and false alarm is kept for `--errors`.
public struct Evaluator {
  public struct SpanTask: Codable, Sendable {
    public var spans = PRFCounts()
    public var byType: [String: PRFCounts] = [:]
    public var typeCorrect = 0
    public var voiceCorrect = 0
    public var matched = 0
    public var typeAccuracy: Double { matched == 0 ? 0 : Double(typeCorrect) / Double(matched) }
    public var voiceAccuracy: Double { matched == 0 ? 0 : Double(voiceCorrect) / Double(matched) }
  }

  public struct VoiceTask: Codable, Sendable {
    public var correct = 0
    public var total = 0
    public var perClass: [String: PRFCounts] = [:]
    /// confusion[gold][predicted]
    public var confusion: [String: [String: Int]] = [:]
    public var reportedVersusAssertion = PRFCounts()
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }
    public var macroF1: Double {
      let classes = SentenceVoice.allCases.map { perClass[$0.rawValue] ?? PRFCounts() }
      return classes.reduce(0) { $0 + $1.f1 } / Double(classes.count)
    }
  }

  public struct Mistake: Codable, Sendable {
    public let article: String
    public let task: String
    public let kind: String
    public let text: String
    public let expected: String
    public let found: String
    public let context: String
  }

  public struct Result: Codable, Sendable {
    public var articles = 0
    public var sourceEntities = PRFCounts()
    public var sourceEntitiesByRole: [String: PRFCounts] = [:]
    public var sourceSurfaces = PRFCounts()
    public var voice = VoiceTask()
    public var hedges = SpanTask()
    public var loaded = SpanTask()
    public var boilerplate = PRFCounts()
    public var mistakes: [Mistake] = []
  }

  public let pipeline: Pipeline

  public init(lexicons: LexiconSet) { pipeline = Pipeline(lexicons: lexicons) }

  /// Tool roles as gold roles: a speaker or byline is an attributed source.
  static func goldRole(_ role: String) -> String {
    switch role {
    case "speaker", "byline": "attributed"
    default: role
    }
  }

  /// Tool hedge labels as gold types.
  static func goldHedgeType(_ label: String) -> String { label == "shield" ? "epistemic" : label }

  public func evaluate(_ gold: [GoldArticle]) -> Result {
    var result = Result()
    for article in gold {
      result.articles += 1
      let document = Document(id: article.id, text: article.text)
      let attributed = pipeline.attribute(document, language: article.language)
      let findings = pipeline.findings(attributed)
      let text = attributed.text
      func context(_ span: TextSpan) -> String {
        let sentence = text.sentences.first { $0.span.overlaps(span) }
        return sentence.map { text.text($0.span) } ?? text.text(span)
      }
      var mistakes: [Mistake] = []
      func mistake(_ task: String, _ kind: String, _ span: TextSpan, expected: String, found: String) {
        mistakes.append(Mistake(article: article.id, task: task, kind: kind, text: text.text(span), expected: expected,
                                       found: found, context: context(span)))
      }

      // Sources: entity level per article, per role and overall.
      let mentions = findings.filter { $0.analyzer == SourcingAnalyzer.id && $0.details["match"] != "anaphor" }
      let predictedEntities = Set(mentions.compactMap(\.entity))
      let goldEntities = Set(article.sources.map(\.entity))
      result.sourceEntities += PRFCounts(truePositives: predictedEntities.intersection(goldEntities).count,
                                         falsePositives: predictedEntities.subtracting(goldEntities).count,
                                         falseNegatives: goldEntities.subtracting(predictedEntities).count)
      for entity in goldEntities.subtracting(predictedEntities) {
        if let mention = article.sources.first(where: { $0.entity == entity }) { mistake("sources", "miss", mention.span, expected: entity, found: "") }
      }
      for entity in predictedEntities.subtracting(goldEntities) {
        if let mention = mentions.first(where: { $0.entity == entity }) { mistake("sources", "false alarm", mention.span, expected: "", found: entity) }
      }
      for role in ["attributed", "mentioned", "credit"] {
        let predicted = Set(mentions.filter { Self.goldRole($0.label) == role }.compactMap(\.entity))
        let expected = Set(article.sources.filter { $0.role == role }.map(\.entity))
        result.sourceEntitiesByRole[role, default: PRFCounts()] += PRFCounts(
          truePositives: predicted.intersection(expected).count, falsePositives: predicted.subtracting(expected).count,
          falseNegatives: expected.subtracting(predicted).count)
      }
      result.sourceSurfaces += Self.match(gold: article.sources.map(\.span), predicted: mentions.map(\.span)).counts

      // Voice: each gold sentence against the tool sentence it overlaps most.
      for sentence in article.sentences {
        let best = zip(text.sentences.indices, text.sentences).max { first, second in
          overlap(first.1.span, sentence.span) < overlap(second.1.span, sentence.span)
        }
        let predicted = best.flatMap { overlap($0.1.span, sentence.span) > 0 ? attributed.speech.sentences[$0.0].voice.rawValue : nil } ?? "none"
        result.voice.total += 1
        result.voice.confusion[sentence.voice, default: [:]][predicted, default: 0] += 1
        if predicted == sentence.voice {
          result.voice.correct += 1
          result.voice.perClass[sentence.voice, default: PRFCounts()].truePositives += 1
        } else {
          result.voice.perClass[sentence.voice, default: PRFCounts()].falseNegatives += 1
          result.voice.perClass[predicted, default: PRFCounts()].falsePositives += 1
          mistake("voice", "wrong label", sentence.span, expected: sentence.voice, found: predicted)
        }
        let goldReported = sentence.voice != "assertion", toolReported = predicted != "assertion" && predicted != "none"
        switch (goldReported, toolReported) {
        case (true, true): result.voice.reportedVersusAssertion.truePositives += 1
        case (false, true): result.voice.reportedVersusAssertion.falsePositives += 1
        case (true, false): result.voice.reportedVersusAssertion.falseNegatives += 1
        case (false, false): break
        }
      }

      // Hedges and loaded terms: span overlap, then type and voice.
      let hedges = findings.filter { $0.analyzer == HedgeAnalyzer.id && $0.label != "booster" }
      score(&result.hedges, task: "hedges", gold: article.hedges, predicted: hedges, type: { Self.goldHedgeType($0.label) }, mistake: mistake)
      let loaded = findings.filter { $0.analyzer == LoadedTermAnalyzer.id || ($0.analyzer == NamingAnalyzer.id && $0.details["marked"] == "true") }
      score(&result.loaded, task: "loaded", gold: article.loaded, predicted: loaded, type: { $0.analyzer == NamingAnalyzer.id ? "naming-variant" : $0.label },
            mistake: mistake)

      // Boilerplate lines.
      let chrome = text.boilerplate.map(\.span) + text.credits.map(\.span)
      let lines = Self.match(gold: article.boilerplate, predicted: chrome)
      result.boilerplate += lines.counts
      for span in lines.missed { mistake("boilerplate", "miss", span, expected: "boilerplate", found: "body") }
      for span in lines.extra { mistake("boilerplate", "false alarm", span, expected: "body", found: "boilerplate") }
      result.mistakes += mistakes
    }
    return result
  }

  private func overlap(_ a: TextSpan, _ b: TextSpan) -> Int { max(0, min(a.end, b.end) - max(a.start, b.start)) }

  private func score(_ task: inout SpanTask, task name: String, gold: [GoldArticle.Marked], predicted: [Finding],
                     type: (Finding) -> String, mistake: (String, String, TextSpan, String, String) -> Void) {
    let matching = Self.match(gold: gold.map(\.span), predicted: predicted.map(\.span))
    task.spans += matching.counts
    for (goldIndex, predictedIndex) in matching.pairs {
      task.matched += 1
      let expected = gold[goldIndex], found = predicted[predictedIndex]
      if type(found) == expected.type { task.typeCorrect += 1 } else {
        mistake(name, "wrong type", expected.span, expected.type, type(found))
      }
      if found.voice.rawValue == expected.voice { task.voiceCorrect += 1 } else {
        mistake(name, "wrong voice", expected.span, expected.voice, found.voice.rawValue)
      }
      task.byType[expected.type, default: PRFCounts()].truePositives += 1
    }
    for index in matching.missedIndexes {
      task.byType[gold[index].type, default: PRFCounts()].falseNegatives += 1
      mistake(name, "miss", gold[index].span, gold[index].type, "")
    }
    for index in matching.extraIndexes {
      task.byType[type(predicted[index]), default: PRFCounts()].falsePositives += 1
      mistake(name, "false alarm", predicted[index].span, "", type(predicted[index]))
    }
  }

  struct Matching {
    var pairs: [(Int, Int)] = []
    var missedIndexes: [Int] = []
    var extraIndexes: [Int] = []
    var missed: [TextSpan] = []
    var extra: [TextSpan] = []
    var counts: PRFCounts { PRFCounts(truePositives: pairs.count, falsePositives: extraIndexes.count, falseNegatives: missedIndexes.count) }
  }

  /// One-to-one matching by span overlap, gold spans in order, each taking the first free overlapping prediction.
  static func match(gold: [TextSpan], predicted: [TextSpan]) -> Matching {
    var matching = Matching()
    var used = Set<Int>()
    for (goldIndex, span) in gold.enumerated() {
      if let found = predicted.indices.first(where: { !used.contains($0) && predicted[$0].overlaps(span) }) {
        used.insert(found)
        matching.pairs.append((goldIndex, found))
      } else {
        matching.missedIndexes.append(goldIndex)
        matching.missed.append(span)
      }
    }
    for index in predicted.indices where !used.contains(index) {
      matching.extraIndexes.append(index)
      matching.extra.append(predicted[index])
    }
    return matching
  }
}
