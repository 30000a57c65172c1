extension Finding {
  private enum CodingKeys: String, CodingKey {
    case analyzer, label, start, end, sentence, voice, entity, speaker, entry, text, polarity, note, details
  }

  /// Flat JSON: `start`/`end`/`text` side by side, so `text[start:end] == finding.text` can be checked directly.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(analyzer, forKey: .analyzer)
    try container.encode(label, forKey: .label)
    try container.encode(span.start, forKey: .start)
    try container.encode(span.end, forKey: .end)
    try container.encode(sentence, forKey: .sentence)
    try container.encode(voice, forKey: .voice)
    try container.encodeIfPresent(entity, forKey: .entity)
    try container.encodeIfPresent(speaker, forKey: .speaker)
    try container.encodeIfPresent(entry, forKey: .entry)
    try container.encode(surface, forKey: .text)
    try container.encodeIfPresent(polarity, forKey: .polarity)
    try container.encodeIfPresent(note, forKey: .note)
    if !details.isEmpty { try container.encode(details, forKey: .details) }
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      analyzer: try container.decode(String.self, forKey: .analyzer), label: try container.decode(String.self, forKey: .label),
      span: TextSpan(start: try container.decode(Int.self, forKey: .start), end: try container.decode(Int.self, forKey: .end)),
      sentence: try container.decode(Int.self, forKey: .sentence), voice: try container.decode(Voice.self, forKey: .voice),
      entity: try container.decodeIfPresent(String.self, forKey: .entity),
      speaker: try container.decodeIfPresent(String.self, forKey: .speaker),
      entry: try container.decodeIfPresent(String.self, forKey: .entry), surface: try container.decode(String.self, forKey: .text),
      polarity: try container.decodeIfPresent(String.self, forKey: .polarity),
      note: try container.decodeIfPresent(String.self, forKey: .note),
      details: try container.decodeIfPresent(LabelMap<String>.self, forKey: .details) ?? [:])
  }
}

/// Label maps are JSON objects, like the dictionaries they stand for.
extension LabelMap: Encodable where Value: Encodable {
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: SnakeKey.self)
    for entry in entries { try container.encode(entry.value, forKey: SnakeKey(stringValue: entry.name)) }
  }
}

extension LabelMap: Decodable where Value: Decodable {
  public init(from decoder: Decoder) throws {
    self.init()
    let container = try decoder.container(keyedBy: SnakeKey.self)
    for key in container.allKeys { self[key.stringValue] = try container.decode(Value.self, forKey: key) }
  }
}
