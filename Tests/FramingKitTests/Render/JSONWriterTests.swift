@testable import FramingKit
import CICU
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

  /// Runs of ASCII and two-byte letters go eight units to a vector step; whatever stops a step (a
  /// character to escape, one of three or four bytes, a lone surrogate, the end of the text) at any
  /// place of a step is written as Swift's own decoding of the units, escaped, and as a String is.
  @Test(arguments: ["\"", "\\", "\n", "\u{1}", "\u{1F}", " ", "\u{7F}", "\u{80}", "é", "Ж", "\u{7FF}", "\u{800}", "—", "👍",
                    "", "lone lead", "lone trail"])
  func vectorRunsStopWhereverTheirStopperFalls(stopper: String) {
    let stopperUnits: [UInt16] = stopper == "lone lead" ? [0xD800] : stopper == "lone trail" ? [0xDC00] : Array(stopper.utf16)
    let run = Array("Кремль i Łukaszenka powiedzieli, że Ґ".utf16)
    for position in 0...run.count {
      let units = Array(run[..<position]) + stopperUnits + Array(run[position...]) + Array(" tail".utf16)
      let expected = String(decoding: units, as: UTF16.self)
      var fromSlice = JSONWriter(pretty: false), fromString = JSONWriter(pretty: false)
      fromSlice.value(TextSlice(units: units, start: 0, end: units.count))
      fromString.value(expected)
      #expect(fromSlice.string == fromString.string, "\(position)")
      #expect(Document.string(fromUTF16: units) == expected, "\(position)")
      // Short texts are made in room of their exact size: too little for a vector step's store.
      let short = Array(units.prefix(15))
      #expect(Document.string(fromUTF16: short) == String(decoding: short, as: UTF16.self), "\(position)")
    }
  }

  /// Short names and labels are checked for escapes a word or two at a time: a character to escape at
  /// any place of a text of any short length is escaped, as the slice path (which finds them on its own)
  /// escapes it, and a text without one is written as it is.
  @Test(arguments: ["\"", "\\", "\n", "\u{1}", "\u{1F}"])
  func shortTextsAreEscapedWhereverTheirEscapeFalls(escape: String) {
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    for length in 0...24 {
      let plain = String(letters.prefix(length))
      var writer = JSONWriter(pretty: false)
      writer.value(plain)
      #expect(writer.string == "\"\(plain)\"", "\(length)")
      for position in 0...length {
        let text = String(letters.prefix(position)) + escape + String(letters[position..<length])
        let units = Array(text.utf16)
        var fromString = JSONWriter(pretty: false), fromSlice = JSONWriter(pretty: false)
        fromString.value(text)
        fromSlice.value(TextSlice(units: units, start: 0, end: units.count))
        #expect(fromString.string == fromSlice.string, "\(length) \(position)")
        #expect(fromString.string.count == text.count + 2 + (escape.first!.asciiValue! < 0x20 && escape != "\n" ? 5 : 1), "\(length) \(position)")
      }
    }
  }

  /// The vector transcoder stops before the first unit it leaves to its caller, and never writes past
  /// the room it is given.
  @Test func vectorTranscoderStopsBeforeWhatItDoesNotWrite() {
    let units = Array("abcdefghКремльЖЖ\"ijklmnop".utf16)
    var out = [UInt8](repeating: 0xEE, count: 64)
    var written: Int32 = 0
    let escaped = out.withUnsafeMutableBufferPointer {
      cicu_utf16_to_utf8_run(units, Int32(units.count), $0.baseAddress!, 40, &written, 1)
    }
    #expect(escaped == 16 && written == 24)
    #expect(Array(out[..<24]) == Array("abcdefghКремльЖЖ".utf8))
    #expect(out[40...].allSatisfy { $0 == 0xEE })
    let plain = out.withUnsafeMutableBufferPointer {
      cicu_utf16_to_utf8_run(units, Int32(units.count), $0.baseAddress!, 64, &written, 0)
    }
    #expect(plain == Int32(units.count) && written == 33)
    #expect(Array(out[..<33]) == Array("abcdefghКремльЖЖ\"ijklmnop".utf8))
    // Sixteen bytes of room left at most: the runs go unit by unit, within it.
    out = [UInt8](repeating: 0xEE, count: 64)
    let tight = out.withUnsafeMutableBufferPointer {
      cicu_utf16_to_utf8_run(units, 8, $0.baseAddress!, 8, &written, 0)
    }
    #expect(tight == 8 && written == 8 && out[8] == 0xEE)
    let stop = Array("ab—cd".utf16)
    #expect(cicu_utf16_to_utf8_run(stop, Int32(stop.count), &out, 64, &written, 0) == 2 && written == 2)
  }
}
