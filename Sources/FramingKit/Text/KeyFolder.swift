/// The keys under which a word form meets lexicon entries: `folded` is ICU full case folding;
/// `loose` is the folded form transliterated to Latin (for Cyrillic) and stripped to ASCII, so that
/// "Łukaszence" and "Lukaszence" share a key, and a Cyrillic spelling has a Latin one.
public struct FoldedKey: Hashable, Sendable {
  public let folded: String
  public let loose: String
}

/// Computes `FoldedKey`s once per distinct word form. Transliteration is slow in ICU (a few MB/s),
/// so it never runs over whole texts: each new form is folded and transliterated once and cached.
/// Not thread-safe; each worker owns one.
public final class KeyFolder {
  private let anyToASCII: Transliterator?
  private let latinToASCII: Transliterator?
  private var cache: [String: FoldedKey] = [:]
  /// The cache is dropped when it grows past this many forms, so memory stays bounded on huge corpora.
  private let cacheLimit: Int

  public init(cacheLimit: Int = 400_000) {
    anyToASCII = Transliterator("Any-Latin; Latin-ASCII")
    latinToASCII = Transliterator("Latin-ASCII")
    self.cacheLimit = cacheLimit
  }

  public func key(_ form: Substring) -> FoldedKey { key(String(form)) }

  public func key(_ form: String) -> FoldedKey {
    if let known = cache[form] { return known }
    let made = makeKey(Array(form.utf16))
    if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
    cache[form] = made
    return made
  }

  private func makeKey(_ units: [UInt16]) -> FoldedKey {
    if units.allSatisfy({ $0 < 0x80 }) {
      let lower = String(decoding: units.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }, as: UTF16.self)
      return FoldedKey(folded: lower, loose: lower)
    }
    let folded = units.withUnsafeBufferPointer { ICU.foldCase($0) }
    let nonLatin = folded.contains { $0 >= 0x0370 && !(0x1E00...0x1EFF).contains($0) }
    let transliterator = nonLatin ? anyToASCII : latinToASCII
    let loose = transliterator?.transliterate(folded) ?? folded
    return FoldedKey(folded: String(decoding: folded, as: UTF16.self),
                     loose: String(decoding: loose, as: UTF16.self).lowercased())
  }
}
