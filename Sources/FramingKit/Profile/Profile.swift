/// The framing profile of one article: what pipelines read and renderers render. Every score names
/// its formula (documented in the README) and the findings that are its evidence. No dates or paths:
/// identical input and lexicons give identical bytes.
public struct Profile: Codable, Sendable {
  public static let schemaVersion = "framing-profile/1"

  public struct Counts: Codable, Sendable {
    public let paragraphs: Int
    public let sentences: Int
    public let tokens: Int
    public let words: Int
    /// Words of the title and body sentences (a byline excluded): the denominator of every rate.
    public let analyzedWords: Int
  }

  public struct Article: Codable, Sendable {
    public let id: String
    public let title: String?
    public let outlet: String?
    public let published: String?
    public let url: String?
    public let language: String
    public let languageConfidence: Double
    public let encoding: String
    public let textSha256: String
    public let counts: Counts
    /// Fields of the input record that framing does not read, passed through.
    public let extra: [String: String]
  }

  public struct SpanText: Codable, Sendable {
    public let start: Int
    public let end: Int
    public let text: String
  }

  public struct ParagraphInfo: Codable, Sendable {
    public let start: Int
    public let end: Int
    public let language: String
    public let languageConfidence: Double
    public let sentences: [Int]
  }

  public struct QuotationInfo: Codable, Sendable {
    public let start: Int
    public let end: Int
    public let innerStart: Int
    public let innerEnd: Int
    public let kind: String
    public let depth: Int
    public let closed: Bool
    public var text: String { textSlice.string }
    /// The text as the document's units, until it is read as a String (see `TextSlice`).
    let textSlice: TextSlice

    enum CodingKeys: String, CodingKey {
      case start, end, innerStart, innerEnd, kind, depth, closed, textSlice = "text"
    }
  }

  public struct Layout: Codable, Sendable {
    public let title: SpanText?
    public let boilerplate: [BoilerplateInfo]
    public let credits: [CreditChain]
    public let paragraphs: [ParagraphInfo]
    public let quotations: [QuotationInfo]
  }

  public struct BoilerplateInfo: Codable, Sendable {
    public let start: Int
    public let end: Int
    public let reason: String
    public let text: String
  }

  public struct SentenceInfo: Codable, Sendable {
    public let index: Int
    public let start: Int
    public let end: Int
    /// -1 for the title.
    public let paragraph: Int
    public let title: Bool
    public let words: Int
    public let voice: SentenceVoice
    public let speakers: [String]
    public let chain: [[String]]
    public let reason: String
    public let reported: [TextSpan]
    /// Reporting verbs with their stance and speakers.
    public let verbs: [ReportingVerb]
    /// Attribution cues with the source each names.
    public let cues: [AttributionCue]
    public var text: String { textSlice.string }
    /// The text as the document's units, until it is read as a String (see `TextSlice`).
    let textSlice: TextSlice

    enum CodingKeys: String, CodingKey {
      case index, start, end, paragraph, title, words, voice, speakers, chain, reason, reported, verbs, cues, textSlice = "text"
    }
  }

  public struct SourceInfo: Codable, Sendable {
    public let entity: String
    public let name: String
    public let kind: String
    public let country: String
    public let stateAffiliated: Bool
    /// Every role the source plays in the article, most telling first.
    public let roles: [String]
    public let mentions: Int
    /// Sentences whose speakers or sources include this one.
    public let sentences: [Int]
    /// Share of body words in those sentences.
    public let wordShare: Double
    /// Named as a source in the title or the first paragraph.
    public let leads: Bool
    /// Indexes of its findings.
    public let evidence: [Int]
  }

  public struct Attribution: Codable, Sendable {
    public let byline: [String]
    /// Distinct chains from the outermost reporter to the innermost speakers, byline first.
    public let chains: [[[String]]]
  }

  public struct Score: Codable, Sendable {
    /// The id and formula in one shared reference: a profile holds dozens of scores, and each string
    /// field would be retained and released whenever a score is copied, written or destroyed. The
    /// reference is not counted: a name every profile has lives as long as the process, and any
    /// other is kept alive by `ownName` (counting it cost an atomic operation on memory shared by
    /// every article, at every copy and destruction of a score).
    let nameReference: Unmanaged<ClosingMembers>
    /// The score's own name (an article's entity or naming variant, or one read from JSON); nil for
    /// a name that lives as long as the process.
    private let ownName: ClosingMembers?
    var name: ClosingMembers { nameReference.takeUnretainedValue() }
    /// Whether the score is named by this very name object (no reference counted to tell).
    func isNamed(_ other: ClosingMembers) -> Bool { nameReference.toOpaque() == Unmanaged.passUnretained(other).toOpaque() }
    public var id: String { name.id }
    public let value: Double
    /// The formula id, as documented in the README.
    public var formula: String { name.formula }
    /// Indexes into `findings`.
    public let evidence: [Int]

    enum CodingKeys: String, NameCodingKey { case id, value, formula, evidence }

    public init(id: String, value: Double, formula: String, evidence: [Int]) {
      self.init(value: value, evidence: evidence, closing: ClosingMembers(formula: formula, id: id, spelled: false), lasting: false)
    }

    /// A score named by `closing`, whose JSON members are spelled once for every profile when it is
    /// one that every profile has. `lasting` says the name lives as long as the process (a static
    /// name), so that the score need not keep it alive.
    init(value: Double, evidence: [Int], closing: ClosingMembers, lasting: Bool) {
      nameReference = Unmanaged.passUnretained(closing)
      ownName = lasting ? nil : closing
      self.value = value
      self.evidence = evidence
    }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      let name = try ClosingMembers(decodingFrom: container)
      self.init(value: try container.decode(Double.self, forKey: .value), evidence: try container.decode([Int].self, forKey: .evidence),
                closing: name, lasting: false)
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try name.encode(to: &container)
      try container.encode(value, forKey: .value)
      try container.encode(evidence, forKey: .evidence)
    }
  }

  /// A composite index: a transparent formula over base scores, with its components and evidence.
  public struct Index: Codable, Sendable {
    /// The id and formula in one shared reference (see `Score.name`).
    let name: ClosingMembers
    public var id: String { name.id }
    public let value: Double
    public var formula: String { name.formula }
    public let components: LabelMap<Double>
    public let evidence: [Int]

    enum CodingKeys: String, NameCodingKey { case id, value, formula, components, evidence }

    public init(id: String, value: Double, formula: String, components: LabelMap<Double>, evidence: [Int]) {
      self.init(value: value, components: components, evidence: evidence, closing: ClosingMembers(formula: formula, id: id, spelled: false))
    }

    /// An index named by `closing` (see `Score.init(value:evidence:closing:)`); when the name spells
    /// component names, `components` has exactly those (checked in debug builds).
    init(value: Double, components: LabelMap<Double>, evidence: [Int], closing: ClosingMembers) {
      assert(closing.componentNames.isEmpty || closing.componentNames == components.entries.map(\.name),
             "an index's components differ from its name's")
      name = closing
      self.value = value
      self.components = components
      self.evidence = evidence
    }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      let name = try ClosingMembers(decodingFrom: container)
      self.init(value: try container.decode(Double.self, forKey: .value),
                components: try container.decode(LabelMap<Double>.self, forKey: .components),
                evidence: try container.decode([Int].self, forKey: .evidence), closing: name)
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try name.encode(to: &container)
      try container.encode(value, forKey: .value)
      try container.encode(components, forKey: .components)
      try container.encode(evidence, forKey: .evidence)
    }
  }

  /// A plain sentence an editor can read, with the findings that support it.
  public struct Flag: Codable, Sendable {
    public let id: String
    public let text: String
    public let evidence: [Int]
  }

  public let schema: String
  public let toolVersion: String
  public let lexiconHash: String
  public let article: Article
  public let text: String?
  public let layout: Layout
  public let sentences: [SentenceInfo]
  public let sources: [SourceInfo]
  public let attribution: Attribution
  public let findings: [Finding]
  public let scores: [Score]
  public let indices: [Index]
  public let flags: [Flag]
  public let warnings: [String]

  /// The score with this id, if present.
  public func score(_ id: String) -> Score? { scores.first { $0.id == id } }

  public func index(_ id: String) -> Index? { indices.first { $0.id == id } }
}

/// The coding keys of a score or an index, whose name is read and written as its `id` and `formula`.
protocol NameCodingKey: CodingKey {
  static var id: Self { get }
  static var formula: Self { get }
}

extension ClosingMembers {
  /// A name read from JSON: spelled when written, like any name made for one article.
  convenience init<Keys: NameCodingKey>(decodingFrom container: KeyedDecodingContainer<Keys>) throws {
    self.init(formula: try container.decode(String.self, forKey: .formula), id: try container.decode(String.self, forKey: .id),
              spelled: false)
  }

  func encode<Keys: NameCodingKey>(to container: inout KeyedEncodingContainer<Keys>) throws {
    try container.encode(id, forKey: .id)
    try container.encode(formula, forKey: .formula)
  }
}
