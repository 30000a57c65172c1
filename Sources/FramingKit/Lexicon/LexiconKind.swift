/// A kind of lexicon file: one YAML file per kind and language (`lexicons/pl/hedges.yaml`), plus the
/// cross-language source registry. Each kind has a closed set of categories and its own extra keys.
public enum LexiconKind: String, CaseIterable, Codable, Hashable, Sendable {
  case abbreviations
  case boilerplate
  case functionWords = "function-words"
  case hedges
  case reportingVerbs = "reporting-verbs"
  case attribution
  case clauseMarkers = "clause-markers"
  case loaded
  case naming
  case shapes
  case sources

  /// Hashes the case's position, not its raw value: a String-backed enum otherwise hashes its name
  /// as a string.
  public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

  /// The case's position in `allCases`: `ByKind` tables are indexed by it.
  var ordinal: Int {
    switch self {
    case .abbreviations: 0
    case .boilerplate: 1
    case .functionWords: 2
    case .hedges: 3
    case .reportingVerbs: 4
    case .attribution: 5
    case .clauseMarkers: 6
    case .loaded: 7
    case .naming: 8
    case .shapes: 9
    case .sources: 10
    }
  }

  /// The category of a function-words entry that is a letter of the language's alphabet which not
  /// every alphabet of its script has: short texts are told apart by such letters.
  static let letterCategory = "letter"
  /// Where marked letters may lie: beyond ASCII (which every alphabet here shares), within Latin,
  /// Greek and Cyrillic, so a table of this size answers for any scalar.
  static let letterRange: Range<UInt32> = 0xC0..<0x500

  /// The categories an entry of this kind may carry.
  public var categories: [String] {
    switch self {
    case .abbreviations: ["inner", "ambiguous"]
    case .boilerplate: ["skip-link", "menu", "share", "subscribe", "related", "cookie", "credit", "comments"]
    case .functionWords: ["function-word", LexiconKind.letterCategory]
    case .hedges: ["reportative", "epistemic", "approximator", "distancing", "shield", "booster"]
    case .reportingVerbs: ["neutral", "distancing", "presupposing", "emotive"]
    case .attribution: ["according-to", "reports", "citing"]
    case .clauseMarkers: ["complementizer", "reported-mood", "anaphor", "source-anaphor", "back-reference", "summary-reference"]
    case .loaded: ["pejorative", "legitimizing", "euphemism", "state-narrative", "emotive"]
    case .naming: ["naming-variant"]
    case .shapes: ["shape"]
    case .sources: ["government", "official", "state-media", "wire-agency", "independent-media", "opposition", "ngo",
                    "international-org", "expert", "anonymous"]
    }
  }

  /// Entry keys beyond the common ones (id, category, forms, polarity, weight, note, examples).
  var extraKeys: [String] {
    switch self {
    case .loaded: ["applies_to"]
    case .naming: ["refers_to", "side", "standard"]
    case .shapes: ["suffixes", "prefixes", "min_length", "exclude"]
    default: []
    }
  }

  /// Whether patterns of this kind may use slots, shapes and gaps.
  var allowsPatternElements: Bool {
    switch self {
    case .hedges, .reportingVerbs, .attribution, .clauseMarkers, .loaded, .naming: true
    default: false
    }
  }
}

/// The sides a naming variant can be associated with.
public enum NamingSide: String, CaseIterable, Codable, Sendable {
  case russianUsage = "russian-usage"
  case nationalUsage = "national-usage"
  case neutral
}

/// Direction of a loaded term or stance.
public enum Polarity: String, CaseIterable, Codable, Sendable {
  case negative, positive, neutral
}

/// A value, or none, for each kind, in a list indexed by the kind's position: rules read a hit's
/// category, reference and phrase index for every hit of every sentence, and a dictionary lookup
/// hashes the key each time.
struct ByKind<Value> {
  private var values = [Value?](repeating: nil, count: LexiconKind.allCases.count)

  subscript(kind: LexiconKind) -> Value? {
    get { values[kind.ordinal] }
    set { values[kind.ordinal] = newValue }
  }
}

extension ByKind: Sendable where Value: Sendable {}
