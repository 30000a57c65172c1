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
  /// The affixes as scalar values, compared against a word's scalars without building strings.
  private let suffixScalars: [[UInt32]]
  private let prefixScalars: [[UInt32]]

  public init(suffixes: [String], prefixes: [String], minimumLength: Int, exceptions: Set<String>) {
    self.suffixes = suffixes
    self.prefixes = prefixes
    self.minimumLength = minimumLength
    self.exceptions = exceptions
    suffixScalars = suffixes.map { $0.unicodeScalars.map(\.value) }
    prefixScalars = prefixes.map { $0.unicodeScalars.map(\.value) }
  }

  /// Whether a folded word form has this shape (its length counted in code points).
  public func matches(_ folded: String) -> Bool { matches(folded, scalars: folded.unicodeScalars.map(\.value)) }

  /// The same, for a caller that already holds the form's scalars.
  func matches(_ folded: String, scalars: [UInt32]) -> Bool {
    scalars.withUnsafeBufferPointer { scalars in
      Self.matches(scalars: scalars, minimumLength: minimumLength, suffixes: suffixScalars, prefixes: prefixScalars) {
        exceptions.contains(folded)
      }
    }
  }

  /// The shape's test for the vocabulary, which runs it on every new form: a class, so that calling
  /// it does not copy the shape's arrays.
  final class Rule {
    let minimumLength: Int
    let suffixes: [[UInt32]]
    let prefixes: [[UInt32]]
    /// The exceptions by scalars: forms carry their keys as scalars in memory, looked up there
    /// without making an array of each.
    let exceptions = ScalarMap()
    /// Bit `s % 64` set for the last scalar `s` of every suffix (all bits when a suffix is empty): most
    /// forms end in none of them and are turned away by one test.
    let lastScalarBits: UInt64

    init(_ shape: WordShape) {
      minimumLength = shape.minimumLength
      suffixes = shape.suffixScalars
      prefixes = shape.prefixScalars
      for exception in shape.exceptions { exceptions[exception.unicodeScalars.map(\.value)] = 1 }
      lastScalarBits = shape.suffixScalars.reduce(0) { bits, suffix in bits | (suffix.last.map { 1 << ($0 & 63) } ?? ~0) }
    }

    func matches(scalars: UnsafeBufferPointer<UInt32>) -> Bool {
      if lastScalarBits != ~0 {
        guard let last = scalars.last, lastScalarBits & (1 << (last & 63)) != 0 else { return false }
      }
      return WordShape.matches(scalars: scalars, minimumLength: minimumLength, suffixes: suffixes, prefixes: prefixes) {
        exceptions[scalars] != 0
      }
    }
  }

  /// `isException` is asked last, of the few forms that have the shape.
  private static func matches(scalars: UnsafeBufferPointer<UInt32>, minimumLength: Int, suffixes: [[UInt32]], prefixes: [[UInt32]],
                              isException: () -> Bool) -> Bool {
    guard scalars.count >= minimumLength else { return false }
    var suffixFits = false
    for suffix in suffixes where hasSuffix(scalars, suffix) {
      suffixFits = true
      break
    }
    guard suffixFits else { return false }
    if !prefixes.isEmpty {
      var prefixFits = false
      for prefix in prefixes where hasPrefix(scalars, prefix) {
        prefixFits = true
        break
      }
      guard prefixFits else { return false }
    }
    return !isException()
  }

  private static func hasSuffix(_ word: UnsafeBufferPointer<UInt32>, _ suffix: [UInt32]) -> Bool {
    guard suffix.count <= word.count else { return false }
    var index = 0
    let offset = word.count - suffix.count
    while index < suffix.count {
      if word[offset + index] != suffix[index] { return false }
      index += 1
    }
    return true
  }

  private static func hasPrefix(_ word: UnsafeBufferPointer<UInt32>, _ prefix: [UInt32]) -> Bool {
    guard prefix.count <= word.count else { return false }
    var index = 0
    while index < prefix.count {
      if word[index] != prefix[index] { return false }
      index += 1
    }
    return true
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

  /// Source kinds that are outlets (agencies and media), as opposed to actors and their offices.
  public static let outletKinds: Set<String> = ["wire-agency", "state-media", "independent-media"]

  /// An agency or medium: every mention of it bears on sourcing, and it can stand as a credit.
  public var isOutlet: Bool { !person && Self.outletKinds.contains(kind) }

  /// Source kinds independent of the state, counted by `sourcing.independent_voices`.
  public static let independentKinds: Set<String> = ["independent-media", "opposition", "ngo"]
  /// Source kinds that can counter an official line in `index.official-relay`: the independent ones and
  /// international organizations.
  public static let counterVoiceKinds = independentKinds.union(["international-org"])
}
