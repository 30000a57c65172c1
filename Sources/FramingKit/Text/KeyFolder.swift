/// The keys under which a word form meets lexicon entries: `folded` is ICU full case folding;
/// `latin` is the folded form in Latin script (ICU Any-Latin; Latin words keep their diacritics);
/// `loose` is `latin` stripped to ASCII (Latin-ASCII), so that "Łukaszence" and "Lukaszence" share a
/// key, and a Cyrillic spelling has a Latin one ("Лукашенко" → "lukašenko" → "lukasenko").
public struct FoldedKey: Hashable, Sendable {
  public let folded: String
  public let latin: String
  public let loose: String

  public init(folded: String, latin: String, loose: String) {
    self.folded = folded
    self.latin = latin
    self.loose = loose
  }
}

/// Numbers every distinct word form and computes its `FoldedKey` once. Transliteration is slow in ICU
/// (a few MB/s), so it never runs over whole texts: each new form is folded and transliterated once.
/// Forms are looked up by their UTF-16 units in an open-addressing table, so the hot path creates no
/// strings. Not thread-safe; each worker owns one.
public final class KeyFolder {
  private let anyToLatin: Transliterator?
  /// Word breaks (root rules) for whoever owns this folder: the segmenter, or the lexicon loader for patterns.
  let wordBreaker: BreakIterator
  private let latinToASCII: Transliterator?
  /// Keys by form number.
  private(set) var keys: [FoldedKey] = []
  private var units: [UInt16] = []
  private var starts: [Int32] = [0]
  private var table: [Int32] = [Int32](repeating: -1, count: 1 << 12)
  /// When more forms than this are known, `resetIfFull` starts afresh (between documents).
  private let limit: Int
  /// Bumped on every reset, so per-form caches elsewhere know to drop their entries.
  private(set) var generation = 0

  public init(limit: Int = 500_000) {
    anyToLatin = Transliterator("Any-Latin")
    latinToASCII = Transliterator("Latin-ASCII")
    guard let breaker = BreakIterator(.word, locale: "root") else { preconditionFailure("ICU has no root word break rules") }
    wordBreaker = breaker
    self.limit = limit
  }

  public var count: Int { keys.count }

  public func key(_ form: String) -> FoldedKey {
    let units = Array(form.utf16)
    let number = units.withUnsafeBufferPointer { self.id(of: $0) }
    return keys[Int(number)]
  }

  public func key(_ form: Substring) -> FoldedKey { key(String(form)) }

  /// Forgets all forms when the table is over its limit; call only between documents.
  func resetIfFull() {
    guard keys.count > limit else { return }
    keys.removeAll(keepingCapacity: true)
    units.removeAll(keepingCapacity: true)
    starts = [0]
    table = [Int32](repeating: -1, count: 1 << 12)
    generation += 1
  }

  /// The number of a form, given by its UTF-16 units.
  func id(of form: UnsafeBufferPointer<UInt16>) -> Int32 {
    var hash: UInt64 = 0xcbf29ce484222325
    for unit in form { hash = (hash ^ UInt64(unit)) &* 0x100000001b3 }
    let mask = table.count - 1
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    while true {
      let candidate = table[slot]
      if candidate < 0 { break }
      let start = Int(starts[Int(candidate)]), end = Int(starts[Int(candidate) + 1])
      if end - start == form.count {
        var same = true
        var index = 0
        while index < form.count {
          if units[start + index] != form[index] { same = false; break }
          index += 1
        }
        if same { return candidate }
      }
      slot = (slot + 1) & mask
    }
    let id = Int32(keys.count)
    keys.append(makeKey(Array(form)))
    units.append(contentsOf: form)
    starts.append(Int32(units.count))
    table[slot] = id
    if keys.count * 2 > table.count { grow() }
    return id
  }

  private func grow() {
    table = [Int32](repeating: -1, count: table.count * 2)
    let mask = table.count - 1
    for id in keys.indices {
      var hash: UInt64 = 0xcbf29ce484222325
      for index in Int(starts[id])..<Int(starts[id + 1]) { hash = (hash ^ UInt64(units[index])) &* 0x100000001b3 }
      var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
      while table[slot] >= 0 { slot = (slot + 1) & mask }
      table[slot] = Int32(id)
    }
  }

  private func makeKey(_ units: [UInt16]) -> FoldedKey {
    if units.allSatisfy({ $0 < 0x80 }) {
      let lower = String(decoding: units.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }, as: UTF16.self)
      return FoldedKey(folded: lower, latin: lower, loose: lower)
    }
    let folded = units.withUnsafeBufferPointer { ICU.foldCase($0) }
    let nonLatin = folded.contains { $0 >= 0x0370 && !(0x1E00...0x1EFF).contains($0) }
    let latin = nonLatin ? (anyToLatin?.transliterate(folded) ?? folded) : folded
    let loose = latinToASCII?.transliterate(latin) ?? latin
    return FoldedKey(folded: String(decoding: folded, as: UTF16.self), latin: String(decoding: latin, as: UTF16.self).lowercased(),
                     loose: String(decoding: loose, as: UTF16.self).lowercased())
  }
}
