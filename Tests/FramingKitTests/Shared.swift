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
