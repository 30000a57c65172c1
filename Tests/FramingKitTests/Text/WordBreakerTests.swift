@testable import FramingKit
import Foundation
import FramingTestSupport
import Testing

/// The scanner for alphabetic scripts must draw exactly the pieces ICU's break iterator draws, on
/// every text it accepts; it must decline every text it cannot draw.
@Suite struct WordBreakerTests {
  let breaker = BreakIterator(.word, locale: "root")!

  struct Drawn: Equatable, CustomStringConvertible {
    let start: Int, end: Int, isWord: Bool, hash: UInt64
    var description: String { "\(start)..<\(end)\(isWord ? "w" : "")" }
  }

  func drawn(_ pieces: [WordBreaker.Piece]) -> [Drawn] { pieces.map { Drawn(start: $0.start, end: $0.end, isWord: $0.isWord, hash: $0.hash) } }

  /// Where the two disagree on `units`, the text and both answers; nil when they agree (or the
  /// scanner declines the text).
  func disagreement(_ units: [UInt16]) -> String? {
    guard let fast = WordBreaker.alphabeticPieces(units, scratch: breaker) else { return nil }
    let icu = WordBreaker.icuPieces(units, breaker: breaker)
    if drawn(fast) == drawn(icu) { return nil }
    let hex = units.map { String($0, radix: 16) }.joined(separator: " ")
    return "\(hex): scanner \(drawn(fast)), ICU \(drawn(icu))"
  }

  @Test func newsSentencesSplitAsICUSplitsThem() {
    let sentences = [
      "– Trzeba to zrobić! – mówił Łukaszenka w rozmowie z BiełTA, cytowany przez PAP (12.03.2024).",
      "Пресс-секретарь Кремля Дмитрий Песков заявил: «Это не так», — сообщает ТАСС; курс 1 234,50 руб.",
      "Laut Angaben der Behörden („vorläufig“) wurden 3.500 Menschen evakuiert, z. B. in Köln-Süd.",
      "The U.S. official didn't comment on rock'n'roll_fans or e-mail: user@example.com at 10:30 p.m.",
      "Прэс-служба Лукашэнкі паведаміла, што сім’я і пам'ять — гэта 2,5% бюджэту.",
      "Soft\u{AD}hyphen, combining e\u{301} and a\u{200B}zero-width space; __init__ and _ alone; 1_000 ’quotes’.",
    ]
    for sentence in sentences {
      let units = Array(sentence.utf16)
      #expect(WordBreaker.alphabeticPieces(units, scratch: breaker) != nil, "\(sentence)")
      #expect(disagreement(units) == nil)
    }
  }

  @Test func declinesScriptsItDoesNotDraw() {
    for text in ["北京 is a city", "שלום", "ภาษาไทย", "カタカナ", "한국어", "family 👨\u{200D}👩", "flag 🇵🇱"] {
      #expect(WordBreaker.alphabeticPieces(Array(text.utf16), scratch: breaker) == nil, "\(text)")
    }
  }

  /// Every character of the Basic Multilingual Plane the scanner accepts, between letters, digits,
  /// connectors, spaces and marks on either side.
  @Test func everyCharacterInEveryContextAgreesWithICU() {
    let contexts: [(before: [UInt16], after: [UInt16])] = [
      ([0x61], [0x62]), ([0x31], [0x32]), ([0x61], []), ([], [0x61]), ([0x5F], [0x61]), ([0x61], [0x5F]),
      ([0x20], [0x61]), ([0x0A], [0x61]), ([0x61, 0x27], [0x62]), ([0x31, 0x2C], [0x32]), ([0x61], [0x301, 0x62]),
      ([0x430], [0x2E, 0x431]), ([0x31], [0x2E, 0x32]), ([0x61, 0x2E], [0x2E, 0x62]),
    ]
    var failures: [String] = []
    var unit: UInt32 = 0
    while unit < 0x10000 {
      // Texts of 256 characters' probes at once; a block the scanner declines is probed one by one.
      let block = (unit..<min(unit + 256, 0x10000)).filter { !(0xD800...0xDFFF).contains($0) }.map { UInt16($0) }
      unit += 256
      for (before, after) in contexts {
        var text: [UInt16] = []
        var singles: [[UInt16]] = []
        for character in block {
          let probe = before + [character, character] + after + [0x20] + before + [character] + after
          singles.append(probe)
          text += probe + [0x0A]
        }
        if WordBreaker.alphabeticPieces(text, scratch: breaker) != nil {
          if let problem = disagreement(text) {
            failures += singles.compactMap(disagreement).prefix(3)
            if failures.isEmpty { failures.append(problem) }
          }
        } else {
          failures += singles.compactMap(disagreement).prefix(3)
        }
        if failures.count > 20 { break }
      }
      if failures.count > 20 { break }
    }
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }

  /// Random texts over characters of every class the rules name.
  @Test func randomTextsAgreeWithICU() {
    let alphabet: [UInt16] = [
      0x61, 0x5A, 0x142, 0x436, 0x456, 0x30, 0x37, 0x661, 0x5F, 0x203F, 0x2E, 0x3A, 0x2C, 0x3B, 0x27, 0x2019,
      0xB7, 0x2018, 0x22, 0x2D, 0x2013, 0x20, 0x20, 0xA0, 0x0A, 0x0D, 0x09, 0x301, 0xAD, 0x200B, 0xFEFF, 0x200E,
      0x21, 0x40, 0xA9, 0x2116, 0x24D0, 0xFF41, 0xFB01, 0x2028, 0x85, 0x3000, 0x2060, 0x37E, 0x387, 0x3B1,
      0xFE50, 0xFF0E, 0xFF07, 0x2024, 0x589, 0x5F4, 0x66C, 0xFE13, 0x2044, 0x0B, 0x1680, 0x180E, 0xFE0F,
    ]
    var generator = SplitMix(seed: 20_261_122)
    var failures: [String] = []
    for _ in 0..<100_000 {
      let length = Int(generator.next() % 16) + 1
      let text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
      if let problem = disagreement(text) { failures.append(problem) }
      if failures.count > 20 { break }
    }
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }

  /// The seeds, and the development articles and benchmark corpus where they are at hand.
  @Test func realArticlesAgreeWithICU() throws {
    let texts = try realNewsTexts()
    var drawn = 0
    for text in texts {
      let units = Array(text.utf16)
      if WordBreaker.alphabeticPieces(units, scratch: breaker) != nil { drawn += 1 }
      #expect(disagreement(units) == nil)
    }
    // Nearly all news text is drawn by the scanner (the seeds are Polish and Russian news).
    #expect(drawn >= texts.count * 9 / 10 && drawn >= 2, "\(drawn) of \(texts.count)")
  }
}

/// A small deterministic generator, so a failing random text is the same on every run.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }
}
