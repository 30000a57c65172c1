import CICU
@testable import FramingKit
import Testing

@Suite struct TextDecoderTests {
  static let polish = "Łukaszenka oświadczył wczoraj, że źródła w Mińsku są pewne, a ściśle tajne rozmowy z Kremlem będą kontynuowane.\n"
  static let russian = "Пресс-секретарь Кремля Дмитрий Песков заявил, что переговоры президентов пройдут в Минске на следующей неделе.\n"

  @Test(arguments: [
    ("input/pl-windows-1250.txt", "windows-1250", polish),
    ("input/pl-iso-8859-2.txt", "ISO-8859-2", polish),
    ("input/ru-windows-1251.txt", "windows-1251", russian),
    ("input/ru-koi8-r.txt", "KOI8-R", russian),
    ("input/pl-utf16-bom.txt", "UTF-16LE", polish),
    ("input/pl-utf8-bom.txt", "UTF-8", polish),
  ])
  func legacyAndUnicodeEncodingsDecodeExactly(file: String, encoding: String, text: String) throws {
    let document = try TextDecoder().decode(fixture(file), name: file)
    #expect(document.encoding == encoding)
    #expect(document.text == text)
    #expect(document.warnings.isEmpty)
  }

  @Test func forcedEncodingOverridesDetection() throws {
    let document = try TextDecoder(forcedEncoding: "windows-1250").decode(fixture("input/pl-windows-1250.txt"), name: "x")
    #expect(document.text == Self.polish)
    #expect(throws: TextError.unknownEncoding(file: "x", name: "no-such")) {
      try TextDecoder(forcedEncoding: "no-such").decode([0x41], name: "x")
    }
  }

  @Test func invalidUTF8BecomesReplacementCharactersWithACountedWarning() throws {
    let document = try TextDecoder().decode(fixture("input/invalid-utf8.txt"), name: "invalid-utf8.txt")
    #expect(document.text == "Prezydent powiedział, że \u{FFFD}\u{FFFD}\u{FFFD} rozmowy trwają.\n")
    #expect(document.warnings == ["invalid-utf8.txt: 3 invalid byte sequences in UTF-8 replaced with U+FFFD"])
  }

  @Test func emptyAndBinaryInputsAreRefusedWithOneLineMessages() {
    #expect(throws: TextError.empty(file: "empty.txt")) { try TextDecoder().decode([], name: "empty.txt") }
    #expect(throws: TextError.empty(file: "ws.txt")) { try TextDecoder().decode(fixture("input/whitespace.txt"), name: "ws.txt") }
    #expect(throws: TextError.binary(file: "b.bin")) { try TextDecoder().decode(fixture("input/binary.bin"), name: "b.bin") }
    #expect(TextError.empty(file: "empty.txt").description
      == "empty.txt: no text (the input is empty or only whitespace); nothing to analyze")
    #expect(TextError.binary(file: "b.bin").description
      == "b.bin: binary data (NUL bytes or control characters), not text; pass a plain-text, HTML or JSONL file")
  }

  @Test func oversizedInputIsRefused() {
    #expect(throws: TextError.tooLarge(file: "big.txt", bytes: 11, limit: 10)) {
      try TextDecoder(maxBytes: 10).decode(Array("hello world".utf8), name: "big.txt")
    }
    #expect(TextError.tooLarge(file: "big.txt", bytes: 11, limit: 10).description
      == "big.txt: 11 bytes is over the limit of 10 bytes; raise it with '--max-bytes' or split the file")
  }

  @Test func textIsNFCWithUnixLineEnds() throws {
    let decomposed = "Lukas\u{030C}enko\r\nz\u{0307}e\rkoniec"
    let document = try TextDecoder().decode(Array(decomposed.utf8), name: "nfc")
    #expect(document.text == "Lukašenko\nże\nkoniec")
  }

  @Test func offsetsCountCodePointsNotUTF16Units() {
    let document = Document(id: "emoji", text: "😀👍🏽 Kreml")
    #expect(document.scalarCount == 9)
    let units = Array(document.text.utf16)
    let kreml = units.count - 5
    #expect(document.span(utf16: kreml, units.count) == TextSpan(start: 4, end: 9))
  }

  /// Well-formed UTF-8 is converted without ICU's converter; it must give ICU's units, and every
  /// ill-formed sequence must be left to ICU (which substitutes and counts it).
  @Test func wellFormedUTF8ConvertsAsICUConvertsIt() {
    let wellFormed = ["", "Kreml", "Łukaszenka mówił „tak”", "Песков заявил — ТАСС", "Straße €5", "𝔸 and 😀 past the BMP",
                      "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}", String(repeating: "abcdefgh", count: 9) + "ż"]
    for text in wellFormed {
      let bytes = Array(text.utf8)
      #expect(ICU.convertWellFormedUTF8(bytes)?.units == ICU.toUTF16(bytes, charset: "UTF-8")?.units, "\(text)")
      #expect(ICU.convertWellFormedUTF8(bytes)?.units == Array(text.utf16), "\(text)")
    }
    let illFormed: [[UInt8]] = [
      [0x80], [0xC0, 0xAF], [0xC1, 0xBF], [0xC3], [0xE0, 0x80, 0xAF], [0xE0, 0xA0], [0xED, 0xA0, 0x80],
      [0xF0, 0x80, 0x80, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x61, 0xE2, 0x82], [0xFF],
      Array("abcdefgh".utf8) + [0xC5] + Array("abc".utf8),
    ]
    for bytes in illFormed {
      #expect(ICU.convertWellFormedUTF8(bytes)?.units == nil, "\(bytes)")
      #expect((ICU.toUTF16(bytes, charset: "UTF-8")?.invalid ?? 0) > 0, "\(bytes)")
    }
  }

  /// Two-byte letters go two to a step: runs of every length, ended by anything, convert exactly; a
  /// broken or overlong sequence at any place of a run is ill-formed; a combining mark on either side
  /// of a step is seen (the text then goes through NFC).
  @Test func runsOfTwoByteLettersConvertTwoToAStep() {
    for length in 0...9 {
      for ending in ["", "a", " ż", "€", "😀", "\u{301}"] {
        let text = "ab" + String(repeating: "Ж", count: length) + ending
        let converted = ICU.convertWellFormedUTF8(Array(text.utf8))
        #expect(converted?.units == Array(text.utf16), "\(length) \(ending)")
        // Past the BMP, a text is always left to ICU's check.
        #expect(converted?.seen.isPlainNFC == (ending != "\u{301}" && ending != "😀"), "\(length) \(ending)")
      }
    }
    let run = Array("Кремль".utf8)
    for position in run.indices {
      for broken: UInt8 in [0x41, 0xC0, 0xC1, 0xE0] where !(position % 2 == 0 && broken == 0x41) {
        var bytes = run
        bytes[position] = broken
        #expect(ICU.convertWellFormedUTF8(bytes) == nil, "\(position) \(broken)")
      }
    }
    #expect(ICU.convertWellFormedUTF8(Array("Ж\u{301}Ж".utf8))?.seen.isPlainNFC == false)
    #expect(ICU.convertWellFormedUTF8(Array("ЖЖ\u{301}".utf8))?.seen.isPlainNFC == false)
  }

  /// Eight bytes (or sixteen ASCII ones) go to a vector step: whatever falls anywhere in a step (a
  /// longer sequence, a control character, a combining mark, a broken or overlong sequence) the text
  /// converts as Swift decodes it, is refused where Swift finds it ill-formed, and is seen as needing
  /// NFC or holding controls exactly when one of its units or bytes does.
  @Test func vectorStepsConvertAsSwiftDecodesWhateverFallsWhere() {
    let base = Array("Łukaszenka i Кремль: ґанок, straße, їжак ".utf8)
    let inserts = ["—", "😀", "\u{301}", "\u{1}", "\n", "Ж", "a", "\u{7FF}", "\u{800}", "\u{483}", "ß\u{300}"].map { Array($0.utf8) }
    for insert in inserts {
      for position in base.indices where base[position] & 0xC0 != 0x80 {
        let bytes = Array(base[..<position]) + insert + Array(base[position...]) + base
        let expected = Array(String(decoding: bytes, as: UTF8.self).utf16)
        let converted = ICU.convertWellFormedUTF8(bytes)
        #expect(converted?.units == expected, "\(insert) at \(position)")
        #expect(converted?.seen.isPlainNFC == expected.allSatisfy { cicu_is_plain_nfc($0) != 0 }, "\(insert) at \(position)")
        #expect(converted?.seen.mayHoldControls == bytes.contains { $0 < 0x20 && $0 != 0x0A }, "\(insert) at \(position)")
      }
    }
    for position in 0..<base.count {
      for broken: UInt8 in [0x41, 0x80, 0xBF, 0xC0, 0xC1, 0xC3, 0xDF, 0xE0, 0xED, 0xF0, 0xF5, 0xFF] {
        var bytes = base + base
        bytes[position] = broken
        let valid = String(validating: bytes, as: UTF8.self).map { Array($0.utf16) }
        #expect(ICU.convertWellFormedUTF8(bytes)?.units == valid, "\(broken) at \(position)")
      }
    }
  }

  /// The conversion tells decoding when a text needs no NFC pass: every unit it counts as plain must
  /// be one that ICU finds NFC in any position (quick check Yes, combining class 0).
  @Test func plainNFCUnitsAreNFCWhereverTheyStand() {
    var plain = 0
    for value in 0...0xFFFF {
      let unit = UInt16(value)
      guard cicu_is_plain_nfc(unit) != 0 else { continue }
      plain += 1
      #expect(cicu_nfc_quick_check_yes(unit) != 0 && cicu_combining_class(unit) == 0, "U+\(String(value, radix: 16))")
    }
    #expect(plain > 1_000)
    let seen = { (text: String) in ICU.convertWellFormedUTF8(Array(text.utf8)).map { [$0.seen.mayHoldControls, $0.seen.isPlainNFC] } }
    #expect(seen("Łukaszenka mówił „tak” — Кремль, €5\n") == [false, true])
    #expect(seen("tab\there") == [true, true])
    #expect(seen("Ї decomposed: \u{0406}\u{0308}") == [false, false])
    #expect(seen("Ελλάδα") == [false, false])
    // NFC text outside the plain units is left to ICU's check and comes out the same.
    let decoded = try? TextDecoder().decode(Array("Ελλάδα e\u{0301}".utf8), name: "greek")
    #expect(decoded?.text == "Ελλάδα é")
  }
}
