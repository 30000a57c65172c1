@testable import FramingKit
import Testing

@Suite struct BenchmarkTests {
  /// A corpus file is cut into articles at blank lines, each trimmed; empty pieces are dropped.
  @Test func articlesAreSplitAtBlankLines() {
    let text = "\u{FEFF}  Łukaszenka przyjechał.\nDrugi wiersz.  \n\n\n\u{00A0}Kreml milczy.\n\n \n\nТАСС сообщает.\n"
    #expect(Benchmark.articles(in: text) == ["\u{FEFF}  Łukaszenka przyjechał.\nDrugi wiersz.", "Kreml milczy.", "ТАСС сообщает."])
  }

  /// Without blank lines, every line is an article.
  @Test func articlesAreLinesWithoutBlankLines() {
    #expect(Benchmark.articles(in: "Putin sagte.\n  Lukaschenko schwieg. \n\nX") == ["Putin sagte.\n  Lukaschenko schwieg.", "X"])
    #expect(Benchmark.articles(in: "Putin sagte.\n  Lukaschenko schwieg. \n") == ["Putin sagte.", "Lukaschenko schwieg."])
  }
}
