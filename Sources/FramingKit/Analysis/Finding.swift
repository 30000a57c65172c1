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
  public let surface: String
  /// Polarity of loaded terms; stance of reporting verbs.
  public let polarity: String?
  /// The entry's note for editors.
  public let note: String?
  /// Extra labels: the side of a naming variant, what it refers to, the attribution cue of a source.
  public let details: [String: String]

  public init(analyzer: String, label: String, span: TextSpan, sentence: Int, voice: Voice, entity: String? = nil,
              speaker: String? = nil, entry: String? = nil, surface: String, polarity: String? = nil,
              note: String? = nil, details: [String: String] = [:]) {
    self.analyzer = analyzer
    self.label = label
    self.span = span
    self.sentence = sentence
    self.voice = voice
    self.entity = entity
    self.speaker = speaker
    self.entry = entry
    self.surface = surface
    self.polarity = polarity
    self.note = note
    self.details = details
  }
}
