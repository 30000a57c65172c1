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

extension KeyFolderTests {
  /// A new form's keys are made in one pass from the composed unit tables when they can be: for every
  /// unit the tables cover, alone and inside a word, they equal the keys made unit table by unit
  /// table (and ICU). Only units that fold out of Latin, Cyrillic and punctuation (Greek, "µ", "Ⱥ")
  /// are left to that slower path.
  @Test func composedKeysEqualUncomposedOnes() {
    let folder = KeyFolder()
    var composedUnits = 0
    for unit in UnitMap.covered {
      for form in [[unit], Array("ab".utf16) + [unit] + Array("ką".utf16), Array("Кр".utf16) + [unit, unit]] {
        form.withUnsafeBufferPointer { form in
          let uncomposed = folder.uncomposedKey(form)
          guard let composed = folder.composedKey(form) else {
            let leavesScripts = uncomposed.foldedScalars.contains {
              $0 >= 0x0370 && !(0x0400...0x052F).contains($0) && !(0x1E00...0x1EFF).contains($0) && !(0x2010...0x2027).contains($0)
            }
            #expect(leavesScripts, "U+\(String(unit, radix: 16)) was not composed")
            return
          }
          composedUnits += 1
          #expect(composed == uncomposed, "U+\(String(unit, radix: 16))")
        }
      }
    }
    #expect(composedUnits > 3 * 1000)
    #expect(Array("北京".utf16).withUnsafeBufferPointer { folder.composedKey($0) } == nil)
  }

  /// Forms are told apart by their first eight units (read a word at a time) and the rest: forms of
  /// every length that differ in one unit, wherever it is, get numbers of their own, and each is
  /// found again from another copy of its units.
  @Test func formsOfEveryLengthDifferingInOneUnitAreToldApart() {
    let folder = KeyFolder()
    var numbers: [[UInt16]: Int32] = [:]
    for length in 1...12 {
      for position in -1..<length {
        var form = [UInt16](repeating: 0x6B, count: length)
        if position >= 0 { form[position] = 0x0105 }
        numbers[form] = form.withUnsafeBufferPointer { folder.id(of: $0) }
      }
    }
    #expect(numbers.count == 90 && Set(numbers.values).count == 90)
    // The prefix a slot keeps: the first eight units, four to a word, zero past the end.
    for length in 0...12 {
      let form = (0..<length).map { UInt16(0x0400 + $0) }
      var expected: (UInt64, UInt64) = (0, 0)
      for (index, unit) in form.prefix(8).enumerated() {
        if index < 4 { expected.0 |= UInt64(unit) << (16 * UInt64(index)) } else { expected.1 |= UInt64(unit) << (16 * UInt64(index - 4)) }
      }
      let prefix = form.withUnsafeBufferPointer { KeyFolder.Slot.prefix($0) }
      #expect(prefix == expected, "\(length)")
    }
    for (form, number) in numbers {
      let copy = [UInt16(0x20)] + form
      #expect(copy.withUnsafeBufferPointer { folder.id(of: UnsafeBufferPointer(rebasing: $0.dropFirst())) } == number)
    }
  }
}

extension KeyFolderTests {
  /// New forms' keys are written in place into one pool, which grows as forms come: after thousands
  /// of forms of every kind (ASCII, Latin and Cyrillic through the composed tables, Greek and Chinese
  /// through ICU), every form's keys read from the store equal the keys made for it on their own.
  @Test func keysWrittenIntoTheStoreSurviveItsGrowth() {
    let folder = KeyFolder()
    let stems = ["Kreml", "Łukaszenk", "Кремл", "білорусь", "Αθήν", "北京", "Straß", "naïv"]
    var forms: [(units: [UInt16], id: Int32)] = []
    for number in 0..<3000 {
      let units = Array("\(stems[number % stems.count])\(number)".utf16)
      forms.append((units, units.withUnsafeBufferPointer { folder.id(of: $0) }))
    }
    #expect(folder.count == 3000)
    for (units, id) in forms {
      let alone = units.withUnsafeBufferPointer { folder.uncomposedKey($0) }
      #expect(Array(folder.store.folded(id)) == alone.foldedScalars, "\(String(decoding: units, as: UTF16.self))")
      #expect(Array(folder.store.loose(id)) == alone.looseScalars, "\(String(decoding: units, as: UTF16.self))")
      #expect(folder.key(id: id) == alone)
    }
  }
}
