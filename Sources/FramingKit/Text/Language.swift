/// The languages framing knows. `und` is undetermined (too little text, or none of these).
public enum Language: String, CaseIterable, Codable, Hashable, Sendable, Comparable {
  case pl, de, ru, en, uk, be, und

  /// Languages with lexicons, in the order files are listed and loaded.
  public static let analyzed: [Language] = [.pl, .de, .ru, .en, .uk, .be]

  /// Hashes the case, not its raw value (see `LexiconKind.hash(into:)`).
  public func hash(into hasher: inout Hasher) { withUnsafeBytes(of: self) { hasher.combine($0.load(as: UInt8.self)) } }

  /// Whether the language is written in Cyrillic.
  public var isCyrillic: Bool { self == .ru || self == .uk || self == .be }

  /// ICU locale for sentence and word breaks.
  public var locale: String { self == .und ? "root" : rawValue }

  public static func < (lhs: Language, rhs: Language) -> Bool {
    (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
  }
}
