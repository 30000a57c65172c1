import Foundation
import FramingKit
import FramingTestSupport
import Testing

@Suite struct EvaluatorTests {
  @Test func countsAddAndGivePrecisionRecallAndF1() {
    let total = PRFCounts(truePositives: 3, falsePositives: 1, falseNegatives: 0) + PRFCounts(truePositives: 1, falsePositives: 1, falseNegatives: 2)
    #expect(total == PRFCounts(truePositives: 4, falsePositives: 2, falseNegatives: 2))
    #expect(total.precision == 4.0 / 6.0)
    #expect(total.recall == 4.0 / 6.0)
    #expect(abs(total.f1 - 4.0 / 6.0) < 1e-12)
    #expect(PRFCounts().f1 == 0)
  }

  @Test func tinyGoldSetIsScoredByTheDocumentedRules() throws {
    let gold = try GoldArticle.read(TestPaths.repo("Tests/Fixtures/gold/tiny.jsonl").path)
    let result = Evaluator(lexicons: defaultLexicons).evaluate(gold)
    // Entities: kremlin found; the made-up "tass" mention is missed.
    #expect(result.sourceEntities == PRFCounts(truePositives: 1, falsePositives: 0, falseNegatives: 1))
    // Voice: the Kremlin sentence is indirect; the hearsay sentence counts as reported by the tool.
    #expect(result.voice.total == 3)
    #expect(result.voice.confusion["indirect"]?["indirect"] == 1)
    #expect(result.voice.confusion["assertion"]?["assertion"] == 1)
    #expect(result.voice.reportedVersusAssertion == PRFCounts(truePositives: 1, falsePositives: 1, falseNegatives: 0))
    // Hedges: one match with the right type and voice, one miss.
    #expect(result.hedges.spans == PRFCounts(truePositives: 1, falsePositives: 0, falseNegatives: 1))
    #expect(result.hedges.typeAccuracy == 1)
    #expect(result.mistakes.contains { $0.task == "hedges" && $0.kind == "miss" && $0.text == "ładna" })
  }

  @Test func seedGoldAnnotationsAreMetAtNinetyFivePercent() throws {
    let result = Evaluator(lexicons: defaultLexicons).evaluate(try GoldArticle.read(TestPaths.repo("seeds/gold.jsonl").path))
    #expect(result.articles == 2)
    #expect(result.sourceEntities.f1 >= 0.95)
    #expect(result.voice.accuracy >= 0.95)
    #expect(result.voice.reportedVersusAssertion.f1 >= 0.95)
    #expect(result.hedges.spans.f1 >= 0.95)
    #expect(result.loaded.spans.f1 >= 0.95)
    #expect(result.boilerplate.f1 >= 0.95)
  }

  /// The development set lives outside the repository; when it is there, the scores must hold these floors.
  @Test func developmentSetFloors() throws {
    let path = TestPaths.root.deletingLastPathComponent().appendingPathComponent("shared/devset/articles.jsonl").path
    guard FileManager.default.fileExists(atPath: path) else { return }
    let result = Evaluator(lexicons: defaultLexicons).evaluate(try GoldArticle.read(path))
    #expect(result.articles == 30)
    #expect(result.sourceEntities.f1 >= 0.85)
    #expect(result.voice.macroF1 >= 0.83)
    #expect(result.voice.reportedVersusAssertion.f1 >= 0.89)
    #expect(result.hedges.spans.f1 >= 0.71)
    #expect(result.loaded.spans.f1 >= 0.80)
  }
}
