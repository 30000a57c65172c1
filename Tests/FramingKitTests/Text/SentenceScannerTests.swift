import CICU
@testable import FramingKit
import Foundation
import FramingTestSupport
import Testing

/// The sentence scanner must draw exactly the boundaries ICU's sentence iterator draws for each
/// language framing reads, on every text within the Basic Multilingual Plane.
@Suite struct SentenceScannerTests {
  static let locales = Language.analyzed.map(\.locale)

  /// Where the scanner and ICU's iterator for `locale` disagree on `units`; nil when they agree.
  func disagreement(_ units: [UInt16], locale: String) -> String? {
    guard let iterator = BreakIterator(.sentence, locale: locale) else { return "no iterator for \(locale)" }
    let scanned = iterator.positions(in: units, scanning: true)
    let icu = iterator.positions(in: units, scanning: false)
    if scanned == icu { return nil }
    let hex = units.prefix(80).map { String($0, radix: 16) }.joined(separator: " ")
    return "\(locale) \(hex): scanner \(scanned.prefix(12)), ICU \(icu.prefix(12))"
  }

  /// The scanner serves the sentence iterators of this ICU (each checks it at opening), and declines
  /// text beyond the Basic Multilingual Plane.
  @Test func scannerServesBMPTextOnly() {
    func scan(_ text: String) -> Int32 {
      let units = Array(text.utf16)
      var out = [Int32](repeating: 0, count: units.count + 2)
      return cicu_sentence_boundaries(units, Int32(units.count), &out, Int32(out.count))
    }
    #expect(scan("Tak. Nie.") == 3)
    #expect(scan("Tak 😀. Nie.") == -1)
    // The sentence iterator of every language framing reads agrees with the scanner, so uses it.
    for locale in Self.locales { #expect(BreakIterator(.sentence, locale: locale)?.scansSentences == true, "\(locale)") }
    #expect(BreakIterator(.word, locale: "root")?.scansSentences == false)
  }

  @Test func newsSentencesBreakAsICUBreaksThem() {
    let texts = [
      "– Trzeba to zrobić! – mówił Łukaszenka. Dr. Nowak (PAP) potwierdził to w 2024 r. i dodał: „Tak”.",
      "Пресс-секретарь Кремля заявил: «Это не так». Об этом сообщает ТАСС… Т. е. ничего.\nНовая строка.",
      "Laut Angaben der Behörden („vorläufig“) wurden 3.500 Menschen evakuiert, z. B. in Köln. Wer? Niemand!",
      "The U.S. Army said so. Mr. Smith, e.g., didn't.) \"Why?\" she asked. etc. and so on.\r\nEnd",
      "",
    ]
    for text in texts {
      for locale in Self.locales { #expect(disagreement(Array(text.utf16), locale: locale) == nil) }
    }
  }

  /// Random texts over characters of every sentence-break class.
  @Test func randomTextsAgreeWithICU() {
    let alphabet: [UInt16] = [
      0x61, 0x62, 0x41, 0x42, 0x436, 0x416, 0x5D0, 0x31, 0x2E, 0x2E, 0x21, 0x3F, 0x2026, 0x3002, 0x20, 0x20,
      0xA0, 0x09, 0x0A, 0x0D, 0x85, 0x2028, 0x2029, 0x22, 0x27, 0x28, 0x29, 0x201E, 0x201D, 0xAB, 0xBB, 0x2C,
      0x3B, 0x3A, 0x2D, 0x2013, 0x301, 0xAD, 0x200B, 0xFEFF, 0x2060, 0x5B, 0x5D, 0x1C3, 0x2E31, 0xFE52, 0x2024,
    ]
    var generator = SplitMix(seed: 20_261_122)
    var failures: [String] = []
    for round in 0..<60_000 {
      let length = Int(generator.next() % 20) + 1
      let text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
      if let problem = disagreement(text, locale: Self.locales[round % Self.locales.count]) { failures.append(problem) }
      if failures.count > 20 { break }
    }
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }

  /// Every character of the Basic Multilingual Plane after a full stop and a space, and before one.
  @Test func everyCharacterAroundATerminatorAgreesWithICU() {
    var failures: [String] = []
    var unit: UInt32 = 0
    while unit < 0x10000 && failures.count < 20 {
      let block = (unit..<min(unit + 128, 0x10000)).filter { !(0xD800...0xDFFF).contains($0) }.map { UInt16($0) }
      unit += 128
      var text: [UInt16] = []
      for character in block {
        text += [0x41, 0x62, 0x2E, 0x20, character, 0x62, 0x2E, character, 0x20, 0x43, 0x2E, character, 0x41, 0x20, 0x61, 0x20]
      }
      if disagreement(text, locale: "root") != nil {
        for character in block {
          let probe: [UInt16] = [0x41, 0x62, 0x2E, 0x20, character, 0x62, 0x2E, character, 0x20, 0x43, 0x2E, character, 0x41]
          if let problem = disagreement(probe, locale: "root") { failures.append(problem) }
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }

  /// The seeds, and the development articles and benchmark corpus where they are at hand, each in
  /// the languages' locales.
  @Test func realArticlesAgreeWithICU() throws {
    let texts = try realNewsTexts()
    #expect(texts.count >= 2)
    var failures: [String] = []
    for (index, text) in texts.enumerated() {
      if let problem = disagreement(Array(text.utf16), locale: Self.locales[index % Self.locales.count]) { failures.append(problem) }
      if failures.count > 5 { break }
    }
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }
}
