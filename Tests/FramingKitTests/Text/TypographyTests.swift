@testable import FramingKit
import Testing

@Suite struct TypographyTests {
  /// The quotation-mark switch that scans use must say yes to exactly the marks of the set.
  @Test func quotationMarkSwitchEqualsTheSet() {
    for unit in UInt16.min...UInt16.max {
      #expect(Typography.isQuotationMark(unit) == Typography.quotationMarks.contains(unit), "U+\(String(unit, radix: 16))")
    }
  }

  /// The same for dashes, which the who-speaks stage tests on token marks.
  @Test func dashSwitchEqualsTheSet() {
    for unit in UInt16.min...UInt16.max {
      #expect(Typography.isDash(unit) == Typography.dashes.contains(unit), "U+\(String(unit, radix: 16))")
    }
  }

  /// The same for opening brackets, which sentence breaks test before abbreviations.
  @Test func openingBracketComparisonsEqualTheSet() {
    for unit in UInt16.min...UInt16.max {
      #expect(Typography.isOpeningBracket(unit) == Typography.openingBrackets.contains(unit), "U+\(String(unit, radix: 16))")
    }
  }

  /// Punctuation tokens carry their unit as `mark`; words and longer tokens carry none.
  @Test func tokensCarryTheirPunctuationMark() {
    let text = segment("Putin sagte: „Nein“ – (so) ... ok", language: .de)
    let marks = text.tokens.map { token in (text.text(token.span), token.mark) }.filter { $0.0 != " " }
    #expect(marks.map(\.0) == ["Putin", "sagte", ":", "„", "Nein", "“", "–", "(", "so", ")", ".", ".", ".", "ok"])
    #expect(marks.map(\.1) == [0, 0, 0x3A, 0x201E, 0, 0x201C, 0x2013, 0x28, 0, 0x29, 0x2E, 0x2E, 0x2E, 0])
  }
}
