@testable import FramingKit
import Testing
import Yams

/// The fast reader must give the very tree Yams gives (values, lines and columns) wherever it
/// answers, and leave everything else to Yams.
@Suite struct LexiconYAMLTests {
  static func describe(_ node: LexiconNode) -> String {
    let place = "@\(node.line):\(node.column)"
    switch node.value {
    case .scalar(let text): return "\(place)'\(text)'"
    case .sequence(let items): return "\(place)[\(items.map(describe).joined(separator: ","))]"
    case .mapping(let pairs): return "\(place){\(pairs.map { describe($0.key) + ":" + describe($0.value) }.joined(separator: ","))}"
    }
  }

  static func yams(_ text: String) throws -> String? {
    try Yams.compose(yaml: text, .basic).map { describe(LexiconNode(yams: $0)) }
  }

  @Test func everyShippedLexiconReadsAsYamsReadsIt() throws {
    for file in EmbeddedLexicons.files {
      let fast = try #require(LexiconYAMLReader.read(file.contents), "\(file.path) left to Yams")
      let expected = try Self.yams(file.contents)
      #expect(Self.describe(fast) == expected, "\(file.path)")
    }
  }

  @Test(arguments: [
    "kind: hedges\nentries:\n  - id: a # note\n    forms: [\"x\", 'it''s', plain words ]\n    note: \"tab\\tquote\\\" ü\"\n",
    "a:\n- b\n- c: d\n  e: [ ]\nf: g\n",
    "# leading comment\n\nentities:\n  - id: x\n    aliases:\n      pl: [\"Łukaszenk*\", \"Лукашенко\"]\n      de: [\"Lukaschenko\"]\n",
  ])
  func subsetReadsAsYamlDoes(text: String) throws {
    let fast = try #require(LexiconYAMLReader.read(text))
    let expected = try Self.yams(text)
    #expect(Self.describe(fast) == expected)
  }

  @Test(arguments: [
    "note: |\n  block\n", "a: &anchor b\n", "a: {b: c}\n", "a: b: c\n", "a:\n\tb: c\n", "- x\n  - y\n", "a: [\"x\",\n  \"y\"]\n",
    "a: \"\\u00e9\"\n", "---\na: b\n",
  ])
  func anythingElseIsLeftToYams(text: String) {
    #expect(LexiconYAMLReader.read(text) == nil)
  }
}
