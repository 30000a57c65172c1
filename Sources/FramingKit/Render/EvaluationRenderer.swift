/// The evaluation result as Markdown for people (JSON for tracking is the `Evaluator.Result` itself).
public struct EvaluationRenderer {
  public init() {}

  private func prf(_ name: String, _ counts: PRFCounts) -> [String] {
    [name, Markdown.number(counts.precision), Markdown.number(counts.recall), Markdown.number(counts.f1),
     "\(counts.truePositives)", "\(counts.falsePositives)", "\(counts.falseNegatives)"]
  }

  public func render(_ result: Evaluator.Result, errors: Bool) -> String {
    let header = ["task", "precision", "recall", "F1", "TP", "FP", "FN"]
    let alignment = ["---", "---:", "---:", "---:", "---:", "---:", "---:"]
    var rows: [[String]] = [prf("source entities", result.sourceEntities)]
    for role in result.sourceEntitiesByRole.keys.sorted() { rows.append(prf("source entities: \(role)", result.sourceEntitiesByRole[role]!)) }
    rows.append(prf("source surfaces (overlap)", result.sourceSurfaces))
    rows.append(prf("voice: reported vs assertion", result.voice.reportedVersusAssertion))
    for voice in SentenceVoice.allCases { rows.append(prf("voice: \(voice.rawValue)", result.voice.perClass[voice.rawValue] ?? PRFCounts())) }
    rows.append(prf("hedges (overlap)", result.hedges.spans))
    for type in result.hedges.byType.keys.sorted() { rows.append(prf("hedges: \(type)", result.hedges.byType[type]!)) }
    rows.append(prf("loaded terms (overlap)", result.loaded.spans))
    for type in result.loaded.byType.keys.sorted() { rows.append(prf("loaded: \(type)", result.loaded.byType[type]!)) }
    rows.append(prf("boilerplate lines", result.boilerplate))
    var page = ["# Evaluation on \(result.articles) gold article\(result.articles == 1 ? "" : "s")", Markdown.table(header, alignment, rows)]
    page.append("Voice: accuracy \(Markdown.number(result.voice.accuracy)), macro-F1 \(Markdown.number(result.voice.macroF1)) over \(result.voice.total) sentences. " +
                "Hedges on matched spans: type accuracy \(Markdown.number(result.hedges.typeAccuracy)), voice accuracy \(Markdown.number(result.hedges.voiceAccuracy)). " +
                "Loaded terms on matched spans: type accuracy \(Markdown.number(result.loaded.typeAccuracy)), voice accuracy \(Markdown.number(result.loaded.voiceAccuracy)).")
    let labels = SentenceVoice.allCases.map(\.rawValue) + ["none"]
    page.append("## Voice confusion (rows: gold, columns: tool)\n\n" + Markdown.table(["gold \\\\ tool"] + labels, ["---"] + labels.map { _ in "---:" },
      SentenceVoice.allCases.map { voice in [voice.rawValue] + labels.map { "\(result.voice.confusion[voice.rawValue]?[$0] ?? 0)" } }))
    if errors {
      page.append("## Misses and false alarms\n\n" + (result.mistakes.isEmpty ? "None." : Markdown.table(["article", "task", "kind", "text", "expected", "found", "sentence"],
        result.mistakes.map { [Markdown.escape($0.article), $0.task, $0.kind, Markdown.escape($0.text), Markdown.escape($0.expected),
                               Markdown.escape($0.found), Markdown.escape(Markdown.excerpt($0.context, limit: 160))] })))
    }
    return page.joined(separator: "\n\n") + "\n"
  }
}
