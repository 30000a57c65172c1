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
