/// Why a word form meets lexicon entries: for `framing lexicon explain`.
public struct LexiconExplanation: Hashable, Sendable, CustomStringConvertible {
  public let location: LexiconLocation
  public let kind: LexiconKind
  public let entry: String
  public let category: String
  public let pattern: String
  /// Position of the matching element in the pattern (0-based) and how it matched.
  public let element: Int
  public let reason: String

  public var description: String {
    let role = pattern.contains(" ") ? "element \(element + 1) of '\(pattern)'" : "'\(pattern)'"
    return "\(location) \(kind.rawValue) \(entry) (\(category)): \(role) — \(reason)"
  }
}

extension LexiconSet {
  /// Every entry (and registry name) of a language that a single word form can fire, with the reason.
  public func explain(_ form: String, language: Language) -> (key: FoldedKey, matches: [LexiconExplanation]) {
    let folder = KeyFolder()
    let key = folder.key(form)
    let shapes = Dictionary(entries(.shapes, language).compactMap { entry in entry.shape.map { (entry.id, $0) } },
                            uniquingKeysWith: { first, _ in first })
    func reason(_ element: PatternElement, loose: Bool) -> String? {
      switch element {
      case .word(let word):
        if word.folded == key.folded { return "same folded key '\(key.folded)'" }
        if loose && word.loose == key.loose && key.loose.count >= 4 { return "same loose key '\(key.loose)'" }
      case .stem(let stem):
        if key.folded.hasPrefix(stem.folded) { return "folded key starts with stem '\(stem.folded)'" }
        if loose && key.loose.hasPrefix(stem.loose) { return "loose key starts with stem '\(stem.loose)'" }
      case .shape(let name):
        if shapes[name]?.matches(key.folded) == true { return "has the word shape <\(name)>" }
      case .slot, .gap:
        return nil
      }
      return nil
    }
    var found: [LexiconExplanation] = []
    for file in files where file.language == language {
      for entry in file.entries {
        for pattern in entry.patterns {
          for (index, element) in pattern.elements.enumerated() {
            if let why = reason(element, loose: file.kind == .naming) {
              found.append(LexiconExplanation(location: entry.location, kind: file.kind, entry: entry.id,
                                              category: entry.category, pattern: pattern.text, element: index, reason: why))
            }
          }
        }
      }
    }
    for entity in entities {
      for (patterns, label) in [(entity.aliases[language] ?? [], "alias"), (entity.descriptions[language] ?? [], "description")] {
        for pattern in patterns {
          for (index, element) in pattern.elements.enumerated() {
            if let why = reason(element, loose: true) {
              found.append(LexiconExplanation(location: entity.location, kind: .sources, entry: entity.id,
                                              category: "\(entity.kind), \(label)", pattern: pattern.text, element: index, reason: why))
            }
          }
        }
      }
    }
    return (key, found)
  }
}
