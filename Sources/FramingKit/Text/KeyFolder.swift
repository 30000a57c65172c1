import CMemory
import Foundation

/// The keys under which a word form meets lexicon entries: `folded` is ICU full case folding;
/// `latin` is the folded form in Latin script (ICU Any-Latin; Latin words keep their diacritics);
/// `loose` is `latin` stripped to ASCII (Latin-ASCII), so that "Łukaszence" and "Lukaszence" share a
/// key, and a Cyrillic spelling has a Latin one ("Лукашенко" → "lukašenko" → "lukasenko").
///
/// A class, so that a token carries one shared reference to its form's keys instead of three strings.
public final class FoldedKey: Hashable, Sendable {
  /// The keys as scalar values (the tries and shapes walk these; made once per form).
  let foldedScalars: [UInt32]
  let looseScalars: [UInt32]

  /// The keys as strings, built when asked for: matching reads only the scalars, and most forms
  /// are never looked at as text.
  public var folded: String { Self.string(foldedScalars) }
  /// `latin` is a function of `folded`.
  public var latin: String { Document.string(fromUTF16: KeyFolder.latin(ofFolded: Array(folded.utf16))) }
  public var loose: String { Self.string(looseScalars) }

  init(foldedScalars: [UInt32], looseScalars: [UInt32]) {
    self.foldedScalars = foldedScalars
    self.looseScalars = looseScalars
  }

  private static func string(_ scalars: [UInt32]) -> String {
    var view = String.UnicodeScalarView()
    for value in scalars { view.append(Unicode.Scalar(value) ?? "\u{FFFD}") }
    return String(view)
  }

  public static func == (lhs: FoldedKey, rhs: FoldedKey) -> Bool {
    lhs === rhs || (lhs.foldedScalars == rhs.foldedScalars && lhs.looseScalars == rhs.looseScalars)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(foldedScalars)
    hasher.combine(looseScalars)
  }
}

/// The keys a key folder has made, by form number: every form's folded and loose scalars end to end
/// in one pool the store owns, so a new form costs no allocation of its own (a `FoldedKey` object is
/// made only when one is asked for).
final class KeyStore: @unchecked Sendable {
  /// Where a form's keys are in the pool (a loose key equal to the folded one is the same scalars).
  private struct Span {
    var folded: Int32
    var foldedCount: Int32
    var loose: Int32
    var looseCount: Int32
  }

  // Room for the 16,000 forms the key folder's table first holds (see `KeyFolder.initialSlots`):
  // memory allocated and not yet written costs nothing, and each growth copies everything.
  private var spans = UnsafeMutableBufferPointer<Span>.allocate(capacity: 1 << 14)
  private var pool = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: 1 << 17)
  private(set) var count = 0
  private var poolCount = 0

  deinit {
    spans.deallocate()
    pool.deallocate()
  }

  /// A form's folded key, valid until the next form is added (the pool may move then).
  @inline(__always)
  func folded(_ form: Int32) -> UnsafeBufferPointer<UInt32> {
    let span = spans[Int(form)]
    return UnsafeBufferPointer(start: pool.baseAddress! + Int(span.folded), count: Int(span.foldedCount))
  }

  /// A form's loose key, valid as `folded(_:)` is.
  @inline(__always)
  func loose(_ form: Int32) -> UnsafeBufferPointer<UInt32> {
    let span = spans[Int(form)]
    return UnsafeBufferPointer(start: pool.baseAddress! + Int(span.loose), count: Int(span.looseCount))
  }

  /// A form's keys as an object of their own.
  func key(_ form: Int32) -> FoldedKey {
    let folded = Array(folded(form))
    let loose = self.loose(form)
    return FoldedKey(foldedScalars: folded, looseScalars: loose.elementsEqual(folded) ? folded : Array(loose))
  }

  /// Room for `needed` scalars at the end of the pool, where the next form's keys are written
  /// (folded first, then loose) before `add` takes them.
  func room(_ needed: Int) -> UnsafeMutablePointer<UInt32> {
    pool = pool.grown(toHold: poolCount + needed, keeping: poolCount, filling: 0)
    return pool.baseAddress! + poolCount
  }

  /// Takes the keys written in `room`: `foldedCount` folded scalars, then `looseCount` loose ones, or
  /// none when the loose key is the folded one.
  func add(foldedCount: Int, looseCount: Int?) {
    spans = spans.grown(toHold: count + 1, keeping: count, filling: Span(folded: 0, foldedCount: 0, loose: 0, looseCount: 0))
    let start = Int32(poolCount)
    spans[count] = Span(folded: start, foldedCount: Int32(foldedCount), loose: looseCount == nil ? start : start + Int32(foldedCount),
                        looseCount: Int32(looseCount ?? foldedCount))
    poolCount += foldedCount + (looseCount ?? 0)
    count += 1
  }

  /// Adds a form's keys given as a `FoldedKey` (forms the composed tables do not cover).
  func add(_ key: FoldedKey) {
    let same = key.looseScalars == key.foldedScalars
    let out = room(key.foldedScalars.count + (same ? 0 : key.looseScalars.count))
    _ = UnsafeMutableBufferPointer(start: out, count: key.foldedScalars.count).initialize(from: key.foldedScalars)
    if !same {
      _ = UnsafeMutableBufferPointer(start: out + key.foldedScalars.count, count: key.looseScalars.count).initialize(from: key.looseScalars)
    }
    add(foldedCount: key.foldedScalars.count, looseCount: same ? nil : key.looseScalars.count)
  }
}

/// Numbers every distinct word form and computes its `FoldedKey` once. Transliteration is slow in ICU
/// (a few MB/s), so it never runs over whole texts: each new form is folded and transliterated once.
/// Forms are looked up by their UTF-16 units in an open-addressing table, so the hot path creates no
/// strings. Not thread-safe; each worker owns one.
public final class KeyFolder {

  /// Word breaks (root rules) for whoever owns this folder: the segmenter, or the lexicon loader for patterns.
  let wordBreaker: BreakIterator
  /// Keys by form number, in a store that segmented texts keep alive: they give a token's keys by its
  /// form number (see `SegmentedText.key(of:)`), even after the folder started afresh.
  private(set) var store = KeyStore()
  /// The units of every known form, end to end. This and `table` live in memory the folder owns
  /// (freed in `deinit`): a lookup runs for every token, and reaching an array held by a class
  /// retains and releases its storage each time.
  private var units = UnsafeMutableBufferPointer<UInt16>.allocate(capacity: 1 << 17)
  /// The composed unit tables new forms' keys are written from.
  private let composed = ComposedUnitKeys.shared
  private var unitCount = 0
  /// A form in the lookup table: its hash, number, length and first eight units (packed), and where
  /// all its units are. Most forms are eight units or shorter: a lookup then reads one slot and no
  /// other memory (the table outgrows the CPU's nearer caches on a large corpus).
  struct Slot {
    /// The upper half of the form's hash: its home slot, and a first test before comparing units.
    var hash: UInt32
    var id: Int32
    var start: Int32
    var length: Int32
    var prefix: (UInt64, UInt64)
    static let empty = Slot(hash: 0, id: -1, start: 0, length: 0, prefix: (0, 0))

    /// The first eight units, four to a word, zero past the end. A form of four units or more is read
    /// a word at a time, never past its end (a short second word is the form's last four units,
    /// shifted down).
    @inline(__always)
    static func prefix(_ form: UnsafeBufferPointer<UInt16>) -> (UInt64, UInt64) {
      let count = form.count
      if count >= 4, let base = UnsafeRawPointer(form.baseAddress) {
        let first = base.loadUnaligned(as: UInt64.self)
        if count >= 8 { return (first, base.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
        if count == 4 { return (first, 0) }
        let last = base.loadUnaligned(fromByteOffset: 2 * (count - 4), as: UInt64.self)
        return (first, last >> UInt64(16 * (8 - count)))
      }
      var words: (UInt64, UInt64) = (0, 0)
      for index in 0..<min(form.count, 8) {
        let shifted = UInt64(form[index]) << (16 * UInt64(index & 3))
        if index < 4 { words.0 |= shifted } else { words.1 |= shifted }
      }
      return words
    }
  }
  /// Room for 16,000 forms before the table first grows (each growth moves every slot, and a corpus
  /// of news meets that many forms within its first megabyte).
  private var table = KeyFolder.emptyTable(count: KeyFolder.initialSlots)
  private static let initialSlots = 1 << 15
  /// When more forms than this are known, `resetIfFull` starts afresh (between documents).
  private let limit: Int
  /// Bumped on every reset, so per-form caches elsewhere know to drop their entries.
  private(set) var generation = 0

  public init(limit: Int = 500_000) {
    guard let breaker = BreakIterator(.word, locale: "root") else { preconditionFailure("ICU has no root word break rules") }
    wordBreaker = breaker
    self.limit = limit
  }

  deinit {
    table.deallocate()
    units.deallocate()
  }

  private static func emptyTable(count: Int) -> UnsafeMutableBufferPointer<Slot> {
    .allocate(count: count, filledWith: .empty)
  }

  public var count: Int { store.count }

  public func key(_ form: String) -> FoldedKey {
    let units = Array(form.utf16)
    let number = units.withUnsafeBufferPointer { self.id(of: $0) }
    return store.key(number)
  }

  /// The keys of a form by its number.
  func key(id: Int32) -> FoldedKey { store.key(id) }

  public func key(_ form: Substring) -> FoldedKey { key(String(form)) }

  /// Forgets all forms when the table is over its limit; call only between documents.
  func resetIfFull() {
    guard store.count > limit else { return }
    store = KeyStore()
    unitCount = 0
    table.deallocate()
    table = Self.emptyTable(count: Self.initialSlots)
    generation += 1
  }

  /// The number of a form, given by its UTF-16 units.
  func id(of form: UnsafeBufferPointer<UInt16>) -> Int32 { id(of: form, hash: Self.hash(form), upcoming: nil) }

  /// The numbers of the forms of a text's pieces. Pieces carry their hashes, so that each lookup can ask
  /// the CPU for the table slot of a piece a few places ahead: on a large corpus the table outgrows the
  /// nearer caches, and loads under way together cost little more than one.
  func ids(of pieces: [WordBreaker.Piece], in text: UnsafeBufferPointer<UInt16>) -> [Int32] {
    let distance = 10, nearer = 4
    var ids: [Int32] = []
    ids.reserveCapacity(pieces.count)
    for (index, piece) in pieces.enumerated() {
      // A form longer than eight units is compared past its slot's prefix in `units`: by now the slot
      // of the form a few places ahead has arrived, and it says where that form's units lie.
      if index + nearer < pieces.count, pieces[index + nearer].end - pieces[index + nearer].start > 8 {
        let table = self.table
        let candidate = table[Self.slot(pieces[index + nearer].hash, mask: table.count - 1)]
        if candidate.id >= 0 && candidate.length > 8 { cmemory_prefetch(units.baseAddress! + Int(candidate.start) + 8) }
      }
      ids.append(id(of: UnsafeBufferPointer(rebasing: text[piece.start..<piece.end]), hash: piece.hash,
                    upcoming: index + distance < pieces.count ? pieces[index + distance].hash : nil))
    }
    return ids
  }

  /// FNV-1a over the units: the table's hash (the word scanner in C takes the same one).
  static func hash(_ form: UnsafeBufferPointer<UInt16>) -> UInt64 {
    var hash: UInt64 = 0xcbf29ce484222325
    for unit in form { hash = (hash ^ UInt64(unit)) &* 0x100000001b3 }
    return hash
  }

  /// A form's home slot comes from the upper half of its hash, which the slot keeps as its tag: the
  /// table grows by moving slots, without hashing any form again.
  @inline(__always)
  private static func slot(_ hash: UInt64, mask: Int) -> Int { slot(tag: UInt32(truncatingIfNeeded: hash >> 32), mask: mask) }

  @inline(__always)
  private static func slot(tag: UInt32, mask: Int) -> Int { Int(tag) & mask }

  /// The number of a form with this hash; `upcoming` is the hash of a form to be looked up soon, whose
  /// slot is prefetched.
  private func id(of form: UnsafeBufferPointer<UInt16>, hash: UInt64, upcoming: UInt64?) -> Int32 {
    let tag = UInt32(truncatingIfNeeded: hash >> 32)
    let prefix = Slot.prefix(form)
    let table = self.table, units = self.units
    let mask = table.count - 1
    if let upcoming { cmemory_prefetch(table.baseAddress! + Self.slot(upcoming, mask: mask)) }
    var slot = Self.slot(hash, mask: mask)
    while true {
      let candidate = table[slot]
      if candidate.id < 0 { break }
      if candidate.hash == tag && Int(candidate.length) == form.count && candidate.prefix == prefix {
        // Units past the eighth (forms are short: a plain loop beats a call to memcmp).
        let start = Int(candidate.start)
        var index = 8
        while index < form.count && units[start + index] == form[index] { index += 1 }
        if index >= form.count { return candidate.id }
      }
      slot = (slot + 1) & mask
    }
    let id = Int32(store.count)
    addKeys(form)
    let start = Int32(unitCount)
    appendUnits(form)
    insert(Slot(hash: tag, id: id, start: start, length: Int32(form.count), prefix: prefix))
    if store.count * 2 > table.count { grow() }
    return id
  }

  private func appendUnits(_ form: UnsafeBufferPointer<UInt16>) {
    units = units.grown(toHold: unitCount + form.count, keeping: unitCount, filling: 0)
    _ = UnsafeMutableBufferPointer(rebasing: units[unitCount...]).initialize(from: form)
    unitCount += form.count
  }

  private func insert(_ entry: Slot) {
    let mask = table.count - 1
    var slot = Self.slot(tag: entry.hash, mask: mask)
    while table[slot].id >= 0 { slot = (slot + 1) & mask }
    table[slot] = entry
  }

  private func grow() {
    let old = table
    table = Self.emptyTable(count: old.count * 2)
    for entry in old where entry.id >= 0 { insert(entry) }
    old.deallocate()
  }

  /// Scratch for the folded and loose units of a new form, reused from form to form.
  private var foldedScratch: [UInt16] = []
  private var looseScratch: [UInt16] = []

  /// An ASCII unit case-folded: folding and the loose key agree on ASCII, without tables.
  @inline(__always)
  static func lowercasedASCII(_ unit: UInt16) -> UInt16 { (unit >= 0x41 && unit <= 0x5A) ? unit + 0x20 : unit }

  /// Writes a new form's keys into the store: ASCII and the units the composed tables cover in place,
  /// anything else through `uncomposedKey`.
  private func addKeys(_ form: UnsafeBufferPointer<UInt16>) {
    // The store and the tables are taken once: each use of a class through a variable or a global
    // retains it.
    let store = self.store, composed = self.composed
    if !form.contains(where: { $0 >= 0x80 }) {
      let out = store.room(form.count)
      for index in 0..<form.count {
        let unit = form[index]
        out[index] = UInt32(Self.lowercasedASCII(unit))
      }
      store.add(foldedCount: form.count, looseCount: nil)
      return
    }
    let room = form.count * composed.longestMapping
    let out = store.room(2 * room)
    if let (foldedCount, looseCount) = Self.writeComposedKeys(form, folded: out, loose: out + room, composed: composed) {
      let same = foldedCount == looseCount && memcmp(out, out + room, foldedCount * MemoryLayout<UInt32>.size) == 0
      if !same { memmove(out + foldedCount, out + room, looseCount * MemoryLayout<UInt32>.size) }
      store.add(foldedCount: foldedCount, looseCount: same ? nil : looseCount)
    } else {
      store.add(uncomposedKey(form))
    }
  }

  /// The keys of a form beyond ASCII, made with `fold` and `appendLoose` (and ICU where they need it).
  func uncomposedKey(_ form: UnsafeBufferPointer<UInt16>) -> FoldedKey {
    foldedScratch.removeAll(keepingCapacity: true)
    fold(form, into: &foldedScratch)
    looseScratch.removeAll(keepingCapacity: true)
    foldedScratch.withUnsafeBufferPointer { Self.appendLoose(ofFolded: $0, to: &looseScratch) }
    let foldedScalars = Self.scalars(foldedScratch)
    return FoldedKey(foldedScalars: foldedScalars,
                     looseScalars: looseScratch == foldedScratch ? foldedScalars : Self.scalars(looseScratch))
  }

  /// Both keys of a form whose every unit the composed tables answer (Latin, Cyrillic and the
  /// punctuation words hold), written in one pass over its units; nil for any other form, which
  /// `fold` and `appendLoose` make with ICU's help.
  func composedKey(_ form: UnsafeBufferPointer<UInt16>) -> FoldedKey? {
    let room = form.count * composed.longestMapping
    var scratch = [UInt32](copies: 0, count: 2 * room)
    return scratch.withUnsafeMutableBufferPointer { scratch -> FoldedKey? in
      let folded = scratch.baseAddress!, loose = folded + room
      guard let (foldedCount, looseCount) = Self.writeComposedKeys(form, folded: folded, loose: loose, composed: composed) else { return nil }
      return FoldedKey(foldedScalars: Array(UnsafeBufferPointer(start: folded, count: foldedCount)),
                       looseScalars: Array(UnsafeBufferPointer(start: loose, count: looseCount)))
    }
  }

  /// Writes both keys of a form at `folded` and `loose` (room for `longestMapping` scalars per unit
  /// each) and says how long each is; nil when a unit is one the composed tables do not cover.
  private static func writeComposedKeys(_ form: UnsafeBufferPointer<UInt16>, folded: UnsafeMutablePointer<UInt32>,
                                        loose: UnsafeMutablePointer<UInt32>, composed: ComposedUnitKeys) -> (folded: Int, loose: Int)? {
    var foldedCount = 0, looseCount = 0
    for unit in form {
      if unit < 0x80 {
        let lower = UInt32(lowercasedASCII(unit))
        folded[foldedCount] = lower
        loose[looseCount] = lower
        foldedCount += 1
        looseCount += 1
      } else if !composed.append(unit, folded: folded, &foldedCount, loose: loose, &looseCount) {
        return nil
      }
    }
    return (foldedCount, looseCount)
  }

  /// An array of at most `count` scalars, as many as `fill` writes and says it wrote. Not
  /// `init(unsafeUninitializedCapacity:)`, whose allocation costs a run-time type lookup on Linux for
  /// every new word form (see `Array(copies:count:)`).
  @inline(__always)
  private static func scalarArray(count: Int, _ fill: (UnsafeMutableBufferPointer<UInt32>) -> Int) -> [UInt32] {
    var result = [UInt32](copies: 0, count: count)
    let written = result.withUnsafeMutableBufferPointer { fill($0) }
    if written < count { result.removeLast(count - written) }
    return result
  }

  /// Scalar values of UTF-16 units (lone surrogates become U+FFFD, as in the key strings).
  private static func scalars(_ units: [UInt16]) -> [UInt32] {
    units.withUnsafeBufferPointer { units in
      scalarArray(count: units.count) { result in
        var index = 0
        var written = 0
        while index < units.count {
          let unit = UInt32(units[index])
          index += 1
          if unit >= 0xD800 && unit < 0xE000 {
            if unit < 0xDC00, index < units.count, units[index] >= 0xDC00, units[index] < 0xE000 {
              result[written] = 0x10000 + ((unit - 0xD800) << 10) + (UInt32(units[index]) - 0xDC00)
              index += 1
            } else {
              result[written] = 0xFFFD
            }
          } else {
            result[written] = unit
          }
          written += 1
        }
        return written
      }
    }
  }

  // MARK: - Folding and transliteration, one unit at a time

  /// ICU's case folding, Any-Latin and Latin-ASCII map Latin, Greek, Cyrillic and punctuation units
  /// one by one without context once the text is case-folded; so each such unit's mapping is asked of
  /// ICU once, at build time (`UnitTables`), and forms are built from the tables (`KeyFolderTests`
  /// holds the result equal to whole-form ICU). Other scripts have contextual rules and go to ICU whole.
  fileprivate static func isLatin(_ unit: UInt16) -> Bool { unit < 0x0370 || (0x1E00...0x1EFF).contains(unit) }
  fileprivate static func isCyrillic(_ unit: UInt16) -> Bool { (0x0400...0x052F).contains(unit) }

  /// ICU's full case folding of `units`, appended to `result`.
  func fold(_ units: UnsafeBufferPointer<UInt16>, into result: inout [UInt16]) {
    guard units.allSatisfy(UnitMap.covers) else { result.append(contentsOf: ICU.foldCase(units)); return }
    let tables = UnitTables.shared
    for unit in units {
      if unit < 0x80 {
        result.append(Self.lowercasedASCII(unit))
      } else {
        tables.fold.append(unit, to: &result)
      }
    }
  }

  /// The folded form in Latin script, lowercase (a transliteration can leave a capital).
  static func latin(ofFolded folded: [UInt16]) -> [UInt16] {
    guard folded.contains(where: { !isLatin($0) }) else { return folded }
    guard folded.allSatisfy({ isLatin($0) || isCyrillic($0) || UnitMap.isPunctuation($0) }) else {
      return lowercased(SharedTransliterator.anyToLatin.transliterate(folded))
    }
    let tables = UnitTables.shared
    var result: [UInt16] = []
    result.reserveCapacity(folded.count + 4)
    for unit in folded {
      // Any-Latin leaves Latin letters and punctuation as they are.
      if isLatin(unit) || UnitMap.isPunctuation(unit) { result.append(unit) } else { tables.latin.append(unit, to: &result) }
    }
    return result
  }

  /// The folded form in Latin script stripped to ASCII, lowercase: Latin-ASCII of Any-Latin, made in
  /// one pass from the unit tables when every unit is Latin, Cyrillic or punctuation.
  fileprivate static func appendLoose(ofFolded folded: UnsafeBufferPointer<UInt16>, to result: inout [UInt16]) {
    if !folded.contains(where: { $0 >= 0x80 }) { result.append(contentsOf: folded); return }
    guard folded.allSatisfy({ isLatin($0) || isCyrillic($0) || UnitMap.isPunctuation($0) }) else {
      let latin = latin(ofFolded: Array(folded))
      guard latin.allSatisfy({ isLatin($0) || UnitMap.isPunctuation($0) }) else {
        result.append(contentsOf: latin.allSatisfy({ $0 < 0x80 }) ? latin : lowercased(SharedTransliterator.latinToASCII.transliterate(latin)))
        return
      }
      result.append(contentsOf: asciiOfLatin(latin))
      return
    }
    let tables = UnitTables.shared
    result.reserveCapacity(folded.count + 2)
    for unit in folded {
      if unit < 0x80 {
        result.append(unit)
      } else if isCyrillic(unit) {
        tables.latin.forEach(unit) { appendASCII($0, to: &result, tables: tables) }
      } else {
        appendASCII(unit, to: &result, tables: tables)
      }
    }
  }

  private static func asciiOfLatin(_ latin: [UInt16]) -> [UInt16] {
    let tables = UnitTables.shared
    var result: [UInt16] = []
    result.reserveCapacity(latin.count + 2)
    for unit in latin { appendASCII(unit, to: &result, tables: tables) }
    return result
  }

  @inline(__always)
  private static func appendASCII(_ unit: UInt16, to result: inout [UInt16], tables: UnitTables) {
    if unit < 0x80 {
      result.append(unit)
    } else if !(0x0300...0x036F).contains(unit) {  // combining marks go with their base letter's diacritics
      tables.ascii.append(unit, to: &result)
    }
  }

  /// Lowercases the few capitals a transliteration can leave; ASCII without a round trip through String.
  fileprivate static func lowercased(_ units: [UInt16]) -> [UInt16] {
    if units.allSatisfy({ $0 < 0x80 }) { return lowercasedASCII(units) }
    return Array(Document.string(fromUTF16: units).lowercased().utf16)
  }

  private static func lowercasedASCII(_ units: [UInt16]) -> [UInt16] {
    units.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }
  }
}

/// What ICU makes of single units below U+0530, in U+1E00–U+1EFF and U+2010–U+2027, in flat arrays indexed by
/// unit: the lookup runs for every letter of every new form.
struct UnitMap: Equatable, Sendable {
  /// Per slot: the single unit it maps to, 0 when it maps to several or none (see `bounds`).
  private var single = [UInt16](repeating: 0, count: Self.slots)
  private var bounds = [Int32](repeating: 0, count: 2 * Self.slots)
  private var flat: [UInt16] = []

  /// The units the tables hold, in the order the embedded tables list them.
  static let covered = Array(UInt16(0x80)..<0x0530) + Array(UInt16(0x1E00)...0x1EFF) + Array(UInt16(0x2010)...0x2027)
  fileprivate static let slots = 0x0530 + 0x100 + 0x18

  static func covers(_ unit: UInt16) -> Bool { unit < 0x0530 || (0x1E00...0x1EFF).contains(unit) || isPunctuation(unit) }
  /// Dashes, quotation marks and the ellipsis (U+2010–U+2027), which words such as "пам’ять" hold.
  static func isPunctuation(_ unit: UInt16) -> Bool { (0x2010...0x2027).contains(unit) }
  fileprivate static func slot(_ unit: UInt16) -> Int {
    unit < 0x0530 ? Int(unit) : unit < 0x2000 ? 0x0530 + Int(unit) - 0x1E00 : 0x0630 + Int(unit) - 0x2010
  }

  init(_ map: (UInt16) -> [UInt16]) {
    for unit in Self.covered { set(unit, map(unit)) }
  }

  /// Reads a table written at build time: per covered unit, hex units joined by "." ("-" for none),
  /// separated by spaces.
  init(encoded: String) {
    var units = Self.covered.makeIterator()
    var made: [UInt16] = []
    var value: UInt16 = 0
    var digits = 0
    for byte in encoded.utf8 {
      switch byte {
      case 0x20:
        if digits > 0 { made.append(value) }
        if let unit = units.next() { set(unit, made) }
        made.removeAll(keepingCapacity: true)
        value = 0
        digits = 0
      case 0x2E:
        made.append(value)
        value = 0
        digits = 0
      case 0x2D:
        break
      default:
        value = value << 4 | UInt16(byte <= 0x39 ? byte - 0x30 : byte - 0x61 + 10)
        digits += 1
      }
    }
    if digits > 0 { made.append(value) }
    if let unit = units.next() { set(unit, made) }
  }

  private mutating func set(_ unit: UInt16, _ made: [UInt16]) {
    let slot = Self.slot(unit)
    if made.count == 1 && made[0] != 0 {
      single[slot] = made[0]
    } else {
      bounds[2 * slot] = Int32(flat.count)
      flat.append(contentsOf: made)
      bounds[2 * slot + 1] = Int32(flat.count)
    }
  }

  /// Calls `body` with each unit that `unit` maps to (a unit outside the table maps to itself).
  @inline(__always)
  func forEach(_ unit: UInt16, _ body: (UInt16) -> Void) {
    guard Self.covers(unit) else { body(unit); return }
    let slot = Self.slot(unit)
    let mapped = single[slot]
    if mapped != 0 { body(mapped); return }
    for index in Int(bounds[2 * slot])..<Int(bounds[2 * slot + 1]) { body(flat[index]) }
  }

  /// Appends what `unit` maps to (a unit outside the table maps to itself).
  @inline(__always)
  func append(_ unit: UInt16, to result: inout [UInt16]) {
    guard Self.covers(unit) else { result.append(unit); return }
    let slot = Self.slot(unit)
    let mapped = single[slot]
    if mapped != 0 { result.append(mapped); return }
    var index = Int(bounds[2 * slot])
    let end = Int(bounds[2 * slot + 1])
    while index < end {
      result.append(flat[index])
      index += 1
    }
  }
}

/// Case folding, Any-Latin and Latin-ASCII of every covered unit, shared by every key folder. They
/// are asked of ICU at build time (opening ICU's transliterators would cost more than all the rest
/// of start-up); `KeyFolderTests` holds them equal to what ICU answers at run time.
final class UnitTables: Sendable {
  static let shared = UnitTables(fold: UnitMap(encoded: EmbeddedUnitTables.fold), latin: UnitMap(encoded: EmbeddedUnitTables.latin),
                                 ascii: UnitMap(encoded: EmbeddedUnitTables.ascii))

  let fold: UnitMap
  let latin: UnitMap
  let ascii: UnitMap

  init(fold: UnitMap, latin: UnitMap, ascii: UnitMap) {
    self.fold = fold
    self.latin = latin
    self.ascii = ascii
  }

  /// The tables as ICU gives them now.
  static func fromICU() -> UnitTables {
    let anyToLatin = Transliterator("Any-Latin"), latinToASCII = Transliterator("Latin-ASCII")
    return UnitTables(
      fold: UnitMap { unit in [unit].withUnsafeBufferPointer { ICU.foldCase($0) } },
      latin: UnitMap { KeyFolder.lowercased(anyToLatin?.transliterate([$0]) ?? [$0]) },
      ascii: UnitMap { KeyFolder.lowercased(latinToASCII?.transliterate([$0]) ?? [$0]) })
  }
}

/// For each unit the unit tables cover, beyond ASCII: what case folding makes of it and the loose key
/// of that, composed once from the tables. A new form is then folded and made loose in one pass over
/// its units, with one table read per unit. Units whose folding leaves the Latin and Cyrillic
/// scripts and punctuation (Greek letters, "µ", "Ⱥ") are not composed: their keys need ICU.
final class ComposedUnitKeys: @unchecked Sendable {
  static let shared = ComposedUnitKeys(UnitTables.shared)

  private struct Entry {
    /// Where the unit's folded units start in `pool`; its loose units follow them.
    var start: Int32 = 0
    var foldedCount: UInt8 = 0
    var looseCount: UInt8 = 0
    var composed = false
  }

  /// Per `UnitMap.slot`, and the units they point at; written once, never changed.
  private let entries: UnsafeMutableBufferPointer<Entry>
  private let pool: UnsafeMutableBufferPointer<UInt32>
  /// The most units one unit folds to, or makes loose (a form needs this much room per unit).
  let longestMapping: Int

  init(_ tables: UnitTables) {
    var entries = [Entry](copies: Entry(), count: UnitMap.slots)
    var pool: [UInt32] = []
    var longest = 1
    for unit in UnitMap.covered {
      var folded: [UInt16] = []
      tables.fold.append(unit, to: &folded)
      guard folded.allSatisfy({ KeyFolder.isLatin($0) || KeyFolder.isCyrillic($0) || UnitMap.isPunctuation($0) }) else { continue }
      var loose: [UInt16] = []
      folded.withUnsafeBufferPointer { KeyFolder.appendLoose(ofFolded: $0, to: &loose) }
      entries[UnitMap.slot(unit)] = Entry(start: Int32(pool.count), foldedCount: UInt8(folded.count), looseCount: UInt8(loose.count),
                                          composed: true)
      pool += folded.map(UInt32.init) + loose.map(UInt32.init)
      longest = max(longest, folded.count, loose.count)
    }
    self.entries = .allocate(capacity: entries.count)
    _ = self.entries.initialize(from: entries)
    self.pool = .allocate(capacity: max(pool.count, 1))
    _ = self.pool.initialize(from: pool)
    longestMapping = longest
  }

  deinit {
    entries.deallocate()
    pool.deallocate()
  }

  /// Writes what `unit` (beyond ASCII) folds to at `folded[foldedCount]` and its loose units at
  /// `loose[looseCount]`, moving both counts on; false, writing nothing, for a unit not composed.
  @inline(__always)
  func append(_ unit: UInt16, folded: UnsafeMutablePointer<UInt32>, _ foldedCount: inout Int,
              loose: UnsafeMutablePointer<UInt32>, _ looseCount: inout Int) -> Bool {
    guard UnitMap.covers(unit) else { return false }
    let entry = entries[UnitMap.slot(unit)]
    guard entry.composed else { return false }
    let source = pool.baseAddress! + Int(entry.start)
    let foldedUnits = Int(entry.foldedCount), looseUnits = Int(entry.looseCount)
    for index in 0..<foldedUnits { folded[foldedCount + index] = source[index] }
    for index in 0..<looseUnits { loose[looseCount + index] = source[foldedUnits + index] }
    foldedCount += foldedUnits
    looseCount += looseUnits
    return true
  }
}

/// One ICU transliterator for the whole process, opened on first use and shared under a lock: only
/// forms the unit tables cannot answer (Greek, Han, Arabic …) need it, and opening one costs more
/// than folding thousands of words, so no key folder opens its own.
final class SharedTransliterator: @unchecked Sendable {
  static let anyToLatin = SharedTransliterator("Any-Latin")
  static let latinToASCII = SharedTransliterator("Latin-ASCII")

  private let identifier: String
  private var transliterator: Transliterator??
  private let lock = NSLock()

  private init(_ identifier: String) { self.identifier = identifier }

  /// Opens both now (a benchmark keeps this one-time cost out of its timings, as it does loading).
  static func prepare() {
    _ = anyToLatin.transliterate([0x03B1])
    _ = latinToASCII.transliterate([0x00E9])
  }

  /// The transliteration, or the units unchanged when ICU lacks the transliterator.
  func transliterate(_ units: [UInt16]) -> [UInt16] {
    lock.lock()
    defer { lock.unlock() }
    if transliterator == nil { transliterator = .some(Transliterator(identifier)) }
    guard let opened = transliterator ?? nil else { return units }
    return opened.transliterate(units)
  }
}
