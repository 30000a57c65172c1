/// Where an entry was defined, for error messages and for tracing a finding back to its data.
public struct LexiconLocation: Hashable, Sendable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public var description: String { "\(file):\(line)" }
}

/// One entry of a lexicon file: the unit that fires on text and that every finding names.
public struct LexiconEntry: Hashable, Sendable {
  public let id: String
  public let category: String
  public let patterns: [Pattern]
  public let polarity: Polarity?
  public let weight: Double
  public let note: String?
  /// Sentences with the expected match marked by ⟦…⟧; they double as tests.
  public let examples: [String]
  /// Loaded terms: the entities the term must co-occur with in its sentence to count.
  public let appliesTo: [String]
  /// Naming variants: what is being named, and the side this variant is associated with.
  public let refersTo: String?
  public let side: NamingSide?
  /// Naming variants: the language's neutral standard form (unmarked), as opposed to a marked choice.
  public let isStandard: Bool
  /// Shapes: how a word of this shape ends (and begins), its minimum length and known exceptions.
  public let shape: WordShape?
  public let location: LexiconLocation
}

/// A word-shape rule ("an infinitive ends in -ć"), used by `<name>` pattern elements.
public struct WordShape: Hashable, Sendable {
  public let suffixes: [String]
  public let prefixes: [String]
  public let minimumLength: Int
  public let exceptions: Set<String>

  /// Whether a folded word form has this shape.
  public func matches(_ folded: String) -> Bool {
    guard folded.count >= minimumLength, !exceptions.contains(folded) else { return false }
    guard suffixes.contains(where: { folded.hasSuffix($0) }) else { return false }
    return prefixes.isEmpty || prefixes.contains(where: { folded.hasPrefix($0) })
  }
}

/// A loaded lexicon file with its header, as the loader validated it.
public struct LexiconFile: Sendable {
  public let path: String
  public let kind: LexiconKind
  public let language: Language?
  public let version: Int
  public let authors: [String]
  public let sources: [String]
  public var entries: [LexiconEntry]
}

/// A source the registry knows: a person, institution or outlet, with its names per language.
public struct SourceEntity: Hashable, Sendable {
  public let id: String
  public let name: String
  /// The kind of source (government, wire-agency, anonymous …).
  public let kind: String
  public let country: String
  public let stateAffiliated: Bool
  public let person: Bool
  /// A principal actor of the coverage (a head of state, his office or spokesperson): its mentions count
  /// as source mentions even where it does not speak, because its presence in a story is itself telling.
  public let principal: Bool
  public let note: String?
  public let aliases: [Language: [Pattern]]
  public let descriptions: [Language: [Pattern]]
  public let location: LexiconLocation
}
