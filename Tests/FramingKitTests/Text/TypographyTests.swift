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

  /// The eight-at-a-time search finds the first mark where a unit-by-unit scan does: each mark of the
  /// set, and a dash (in the same block of U+2000–U+203F, but no quotation mark) before it, at every
  /// offset around the block edges of a real sentence.
  @Test func quotationMarkSearchFindsTheFirstMark() {
    let sentence = Array("Президент заявил, что переговоры продолжатся на следующей неделе в Минске.".utf16)
    for mark in Typography.quotationMarks.sorted() + [0x2014] {
      for offset in 0..<20 {
        var units = sentence
        units.insert(mark, at: offset)
        units.insert(0x2013, at: 0)
        units.withUnsafeBufferPointer { buffer in
          for start in 0..<3 {
            let expected = (start..<buffer.count).first { Typography.isQuotationMark(buffer[$0]) } ?? buffer.count
            #expect(Typography.firstQuotationMark(in: buffer, from: start, to: buffer.count) == expected)
          }
        }
      }
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

extension TypographyTests {
  /// Letter case and kind (at sentence breaks, in quoted phrases) are answered without Unicode's
  /// property tables for ASCII, Latin-1 and basic Cyrillic: every scalar below U+0460 gets the
  /// tables' answer.
  @Test func letterCaseAndKindEqualUnicodesProperties() {
    for value in UInt32(0)..<0x460 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let properties = scalar.properties
      #expect(Typography.isLowercase(scalar) == properties.isLowercase,
              "U+\(String(value, radix: 16)) lowercase")
      #expect(Typography.isUppercase(scalar) == properties.isUppercase, "U+\(String(value, radix: 16)) uppercase")
      #expect(Typography.isAlphabetic(scalar) == properties.isAlphabetic,
              "U+\(String(value, radix: 16)) alphabetic")
      #expect(Typography.isNumeric(scalar) == (properties.numericType != nil),
              "U+\(String(value, radix: 16)) numeric")
    }
  }
}
