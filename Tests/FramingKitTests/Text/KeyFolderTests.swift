@testable import FramingKit
import Testing

/// Keys are built one scalar at a time from ICU's own transliterations; they must equal what ICU
/// gives for the whole word form, in every script framing reads.
@Suite struct KeyFolderTests {
  static let words = [
    "Łukaszence", "Łukaszenką", "źdźbło", "Straße", "Äußerungen", "Müller", "naïve", "Kremlu", "Pieskow",
    "Лукашенко", "Лукашенку", "Кремля", "щёлочь", "объявил", "Ёлка",
    "білоруської", "Білорусії", "ґанок", "їжак", "Україна", "Зеленський",
    "Беларусі", "ўрад", "Лукашэнка", "Свабода", "незалежнасьці", "дзяржаўны",
    "сім’я", "пам’ять", "Аб’ява", "„Так“", "Kreml’u", "Ryanair", "Prigozhin", "Ώρα", "Αθήνα", "北京", "Qiṣṣa", "Șerban", "Đorđe", "Æble",
  ]

  @Test func keysEqualWholeFormTransliteration() throws {
    let folder = KeyFolder()
    let anyToLatin = try #require(Transliterator("Any-Latin"))
    let latinToASCII = try #require(Transliterator("Latin-ASCII"))
    for word in Self.words {
      let folded = Array(word.utf16).withUnsafeBufferPointer { ICU.foldCase($0) }
      let nonLatin = folded.contains { $0 >= 0x0370 && !(0x1E00...0x1EFF).contains($0) }
      let latin = nonLatin ? anyToLatin.transliterate(folded) : folded
      let loose = latinToASCII.transliterate(latin)
      let key = folder.key(word)
      #expect(key.folded == String(decoding: folded, as: UTF16.self), "\(word)")
      #expect(key.latin == String(decoding: latin, as: UTF16.self).lowercased(), "\(word)")
      #expect(key.loose == String(decoding: loose, as: UTF16.self).lowercased(), "\(word)")
    }
  }

  @Test func cyrillicAndPolishSpellingsShareALooseKey() {
    let folder = KeyFolder()
    #expect(folder.key("Łukaszenko").loose == "lukaszenko")
    #expect(folder.key("Лукашенко").loose == "lukasenko")
    #expect(folder.key("білоруської").loose == "bilorus'koi")
  }
}

extension KeyFolderTests {
  /// The unit tables written at build time are what ICU answers at run time.
  @Test func embeddedUnitTablesEqualICU() {
    let computed = UnitTables.fromICU()
    #expect(UnitTables.shared.fold == computed.fold)
    #expect(UnitTables.shared.latin == computed.latin)
    #expect(UnitTables.shared.ascii == computed.ascii)
  }
}
