@testable import FramingKit
import Testing

@Suite struct JSONWriterTests {
  static func written(_ number: Double) -> String {
    var writer = JSONWriter(pretty: false)
    writer.value(number)
    return writer.string
  }

  /// Numbers rounded to four decimals are spelled without a String, exactly as Swift spells them.
  @Test func roundedNumbersAreSpelledAsSwiftSpellsThem() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for step in 0..<200_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let magnitude = [1.0, 10, 1_000, 1_000_000, 1e9][step % 5]
      let raw = Double(state >> 11) / Double(1 << 53) * magnitude * (step % 3 == 0 ? -1 : 1)
      let number = JSONOutput.round(raw)
      if number == number.rounded() { continue }
      #expect(Self.written(number) == "\(number)", "\(raw)")
    }
    #expect(Self.written(0.0001) == "0.0001")
    #expect(Self.written(-12.5) == "-12.5")
    #expect(Self.written(0.9783) == "0.9783")
    #expect(Self.written(1e-7) == "\(1e-7)")
    #expect(Self.written(3.14159265) == "\(3.14159265)")
  }

  /// A slice of a document's units is quoted, escaped and transcoded in one pass, to the same bytes as
  /// the same text written from a String; a long slice written again is copied from its first output.
  @Test func documentSlicesAreWrittenAsTheirStrings() {
    // A quote, a backslash, line ends, a tab, a control character, Polish and Cyrillic letters, an
    // emoji (a surrogate pair) and a lone surrogate (written as U+FFFD, as the String has it).
    var units = Array("„Łukaszenka\" said \\ \n\r\t\u{1} Кремль 👍 ".utf16)
    units.append(0xD800)
    units += Array("end of a long enough sentence".utf16)
    let slice = TextSlice(units: units, start: 0, end: units.count)
    let string = Document.string(fromUTF16: units)
    #expect(string.contains("\u{FFFD}"))
    var fromSlice = JSONWriter(pretty: false)
    fromSlice.beginArray()
    fromSlice.value(slice)
    fromSlice.value(TextSlice(units: units, start: 1, end: 12))
    fromSlice.value(slice)
    fromSlice.endArray()
    var fromString = JSONWriter(pretty: false)
    fromString.beginArray()
    fromString.value(string)
    fromString.value("Łukaszenka\"")
    fromString.value(string)
    fromString.endArray()
    #expect(fromSlice.string == fromString.string)
    #expect(fromSlice.string.hasPrefix(#"["„Łukaszenka\" said \\ \n\r\t\u0001 Кремль 👍 \#u{FFFD}end"#))
    #expect(slice.string == string && slice == TextSlice(string))
  }

  /// ASCII goes four units at a time: a character to escape, or one past ASCII, at any place of a
  /// group of four is still written as the String path writes it.
  @Test(arguments: ["\"", "\\", "\n", "\u{1}", "\u{1F}", " ", "\u{7F}", "é", "Ж", "—"])
  func sliceTextIsWrittenAsItsStringWhereverAnEscapeFalls(mark: String) {
    for position in 0..<9 {
      let text = String(repeating: "a", count: position) + mark + "bcdefghij"
      var fromSlice = JSONWriter(pretty: false), fromString = JSONWriter(pretty: false)
      fromSlice.value(TextSlice(units: Array(text.utf16), start: 0, end: text.utf16.count))
      fromString.value(text)
      #expect(fromSlice.string == fromString.string, "\(position)")
    }
  }

  /// Runs of two-byte letters are written in a loop of their own: whatever ends a run (a character to
  /// escape, ASCII, a three- or four-byte character, a lone surrogate, the end of the text) is written
  /// as the String path writes it.
  @Test(arguments: ["\"", "\\", "\n", "x", "—", "👍", "ß", "", "lone surrogate"])
  func runsOfTwoByteLettersEndAsTheStringPathWrites(follower: String) {
    for length in 1...6 {
      var units = Array("Кремль".utf16.prefix(length))
      units += follower == "lone surrogate" ? [0xD800] : Array(follower.utf16)
      var fromSlice = JSONWriter(pretty: false), fromString = JSONWriter(pretty: false)
      fromSlice.value(TextSlice(units: units, start: 0, end: units.count))
      fromString.value(Document.string(fromUTF16: units))
      #expect(fromSlice.string == fromString.string, "\(length)")
    }
    var written = JSONWriter(pretty: false)
    let units = Array("Кремль\"".utf16) + [0xD800]
    written.value(TextSlice(units: units, start: 0, end: units.count))
    #expect(written.string == "\"Кремль\\\"\u{FFFD}\"")
  }
}
