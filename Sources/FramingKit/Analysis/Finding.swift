/// One thing an analyzer found, self-describing: its span and surface, its label, whose words it
/// stands in, the entity it concerns and the lexicon entry that fired, so that a reader can trace
/// it back to `lexicons/` without the analyzer.
public struct Finding: Hashable, Codable, Sendable {
  /// The analyzer id ("sourcing", "hedging" …).
  public let analyzer: String
  /// A category from the lexicon or the analyzer's closed set ("reportative", "attributed" …).
  public let label: String
  public let span: TextSpan
  public let sentence: Int
  public let voice: Voice
  /// The registry entity the finding concerns (a source, a speaker, a target), if any.
  public let entity: String?
  /// The speaker whose words contain the finding, when `voice` is reported and the speaker is known.
  public let speaker: String?
  /// Which lexicon entry fired: "pl/hedges#podobno", "sources#kremlin".
  public let entry: String?
  /// The text of `span`.
  public var surface: String { surfaceText.string }
  /// The surface as the document's units, until it is read as a String (see `TextSlice`).
  let surfaceText: TextSlice
  /// Polarity of loaded terms; stance of reporting verbs.
  public let polarity: String?
  /// The entry's note for editors.
  public let note: String?
  /// Extra labels: the side of a naming variant, what it refers to, the attribution cue of a source.
  public let details: LabelMap<String>

  public init(analyzer: String, label: String, span: TextSpan, sentence: Int, voice: Voice, entity: String? = nil,
              speaker: String? = nil, entry: String? = nil, surface: String, polarity: String? = nil,
              note: String? = nil, details: LabelMap<String> = [:]) {
    self.init(analyzer: analyzer, label: label, span: span, sentence: sentence, voice: voice, entity: entity, speaker: speaker,
              entry: entry, surfaceText: TextSlice(surface), polarity: polarity, note: note, details: details)
  }

  init(analyzer: String, label: String, span: TextSpan, sentence: Int, voice: Voice, entity: String? = nil,
       speaker: String? = nil, entry: String? = nil, surfaceText: TextSlice, polarity: String? = nil,
       note: String? = nil, details: LabelMap<String> = [:]) {
    self.analyzer = analyzer
    self.label = label
    self.span = span
    self.sentence = sentence
    self.voice = voice
    self.entity = entity
    self.speaker = speaker
    self.entry = entry
    self.surfaceText = surfaceText
    self.polarity = polarity
    self.note = note
    self.details = details
  }
}

/// A few named values kept sorted by name: a finding's details, an index's components. For a handful
/// of entries a scan is cheaper than hashing, and JSON writes the entries in the order they are kept.
public struct LabelMap<Value> {
  public struct Entry {
    public let name: String
    public fileprivate(set) var value: Value

    init(name: String, value: Value) {
      self.name = name
      self.value = value
    }
  }

  /// Sorted by name, each name once.
  public private(set) var entries: [Entry] = []

  public init() {}

  /// Entries already sorted by name, each name once (checked in debug builds).
  init(sortedEntries: [Entry]) {
    assert(zip(sortedEntries, sortedEntries.dropFirst()).allSatisfy { $0.name < $1.name }, "label map entries out of order")
    entries = sortedEntries
  }

  public init(_ dictionary: [String: Value]) {
    entries = dictionary.map { Entry(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
  }

  public var isEmpty: Bool { entries.isEmpty }

  public subscript(name: String) -> Value? {
    get {
      for entry in entries where entry.name == name { return entry.value }
      return nil
    }
    set {
      // Names set in order, as literals and analyzers mostly do, are appended without a search.
      if let value = newValue, entries.last.map({ $0.name < name }) ?? true {
        entries.append(Entry(name: name, value: value))
        return
      }
      let position = entries.firstIndex { !($0.name < name) } ?? entries.endIndex
      let present = position < entries.endIndex && entries[position].name == name
      switch (newValue, present) {
      case (let value?, true): entries[position].value = value
      case (let value?, false): entries.insert(Entry(name: name, value: value), at: position)
      case (nil, true): entries.remove(at: position)
      case (nil, false): break
      }
    }
  }
}

extension LabelMap: ExpressibleByDictionaryLiteral {
  public init(dictionaryLiteral elements: (String, Value)...) {
    entries.reserveCapacity(elements.count)
    for (name, value) in elements { self[name] = value }
  }
}

extension LabelMap.Entry: Equatable where Value: Equatable {}
extension LabelMap.Entry: Hashable where Value: Hashable {}
extension LabelMap.Entry: Sendable where Value: Sendable {}
extension LabelMap: Equatable where Value: Equatable {}
extension LabelMap: Hashable where Value: Hashable {}
extension LabelMap: Sendable where Value: Sendable {}
