import Foundation
import FramingKit
import FramingTestSupport

/// The built-in lexicons, loaded once for all tests.
let defaultLexicons: LexiconSet = {
  do { return try LexiconSet.load() } catch { fatalError("built-in lexicons do not load:\n\(error)") }
}()

/// Segments a text with the built-in lexicons.
func segment(_ text: String, language: Language? = nil, id: String = "test") -> SegmentedText {
  Segmenter(lexicons: defaultLexicons).segment(Document(id: id, text: text), language: language)
}

/// Bytes of a file under Tests/Fixtures.
func fixture(_ relative: String) -> [UInt8] {
  Array(FileManager.default.contents(atPath: TestPaths.repo("Tests/Fixtures/" + relative).path) ?? Data())
}

extension SegmentedText {
  /// Texts of the body sentences (title excluded).
  var bodySentences: [String] { sentences.filter { !$0.isTitle }.map { text($0.span) } }
}

/// The profile of a text (or of a seed file when `seed` is given).
func profile(_ text: String, language: Language? = nil) -> Profile {
  Pipeline(lexicons: defaultLexicons).profile(Document(id: "test", text: text), language: language)
}

func seedProfile(_ name: String) throws -> Profile {
  let bytes = Array(FileManager.default.contents(atPath: TestPaths.repo("seeds/" + name).path) ?? Data())
  return Pipeline(lexicons: defaultLexicons).profile(try TextDecoder().decode(bytes, name: name))
}

extension Profile {
  func findings(_ analyzer: String) -> [Finding] { findings.filter { $0.analyzer == analyzer } }

  /// (text, label, voice) of an analyzer's findings.
  func triples(_ analyzer: String) -> [String] {
    findings(analyzer).map { "\($0.surface)|\($0.label)|\($0.voice.rawValue)" }
  }

  func sentence(containing fragment: String) -> SentenceInfo? { sentences.first { $0.text.contains(fragment) } }
}

/// Real news texts to hold a scanner to ICU on: the seeds, and the development articles and the
/// benchmark corpus (split into articles at blank lines) when `../shared` is at hand.
func realNewsTexts() throws -> [String] {
  func read(_ url: URL) -> String? { FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) } }
  var texts: [String] = []
  let seeds = TestPaths.repo("seeds")
  for name in try FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted() where name.hasSuffix(".txt") {
    texts += read(seeds.appendingPathComponent(name)).map { [$0] } ?? []
  }
  let shared = TestPaths.root.deletingLastPathComponent().appendingPathComponent("shared")
  for line in read(shared.appendingPathComponent("devset/articles.jsonl"))?.split(separator: "\n") ?? [] {
    if let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], let text = object["text"] as? String {
      texts.append(text)
    }
  }
  let bench = shared.appendingPathComponent("bench-corpus")
  for name in ((try? FileManager.default.contentsOfDirectory(atPath: bench.path)) ?? []).sorted() where name.hasSuffix(".txt") {
    texts += read(bench.appendingPathComponent(name))?.components(separatedBy: "\n\n") ?? []
  }
  return texts
}
