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
  fileprivate let suffixScalars: [[UInt32]]
  fileprivate let prefixScalars: [[UInt32]]

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
    let prefixes: [[UInt32]]
    /// The exceptions by scalars: forms carry their keys as scalars in memory, looked up there
    /// without making an array of each.
    let exceptions = ScalarMap()
    /// The suffixes' scalars end to end, grouped by their last scalar modulo 64: a form is compared
    /// only with the suffixes of its own last scalar's group, `groupStarts[g]..<groupStarts[g + 1]`
    /// of `suffixEnds` (where each suffix ends in `suffixScalars`; it starts where the one before
    /// ends). Most forms end in a letter no suffix ends in, and a group holds few.
    private let suffixScalars: [UInt32]
    private let suffixEnds: [Int]
    private let groupStarts: [Int]
    /// Whether a suffix is empty (every form long enough has it).
    private let anySuffix: Bool

    init(_ shape: WordShape) {
      minimumLength = shape.minimumLength
      prefixes = shape.prefixScalars
      for exception in shape.exceptions { exceptions[exception.unicodeScalars.map(\.value)] = 1 }
      anySuffix = shape.suffixScalars.contains { $0.isEmpty }
      let grouped = shape.suffixScalars.filter { !$0.isEmpty }.sorted { ($0.last! & 63) < ($1.last! & 63) }
      var scalars: [UInt32] = [], ends: [Int] = [], starts = [Int](repeating: 0, count: 65)
      for suffix in grouped {
        scalars += suffix
        ends.append(scalars.count)
        starts[Int(suffix.last! & 63) + 1] += 1
      }
      for group in 0..<64 { starts[group + 1] += starts[group] }
      suffixScalars = scalars
      suffixEnds = ends
      groupStarts = starts
    }

    func matches(scalars: UnsafeBufferPointer<UInt32>) -> Bool {
      guard scalars.count >= minimumLength else { return false }
      if !anySuffix {
        guard let last = scalars.last else { return false }
        let group = Int(last & 63)
        let fits = suffixScalars.withUnsafeBufferPointer { pool in
          suffixEnds.withUnsafeBufferPointer { ends in
            for index in groupStarts[group]..<groupStarts[group + 1] {
              let start = index == 0 ? 0 : ends[index - 1], count = ends[index] - start
              guard count <= scalars.count else { continue }
              let offset = scalars.count - count
              var position = 0
              while position < count && scalars[offset + position] == pool[start + position] { position += 1 }
              if position == count { return true }
            }
            return false
          }
        }
        guard fits else { return false }
      }
      if !prefixes.isEmpty {
        guard prefixes.contains(where: { WordShape.hasPrefix(scalars, $0) }) else { return false }
      }
      return exceptions[scalars] == 0
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

  fileprivate static func hasPrefix(_ word: UnsafeBufferPointer<UInt32>, _ prefix: [UInt32]) -> Bool {
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
