/// Who speaks in a sentence, from the outlet's point of view.
public enum SentenceVoice: String, Codable, CaseIterable, Sendable {
  /// Contains a direct quotation of speech or writing (quotation marks, dash-led speech).
  case direct
  /// Reported speech: a reporting verb with its speaker, a complement clause, or German Konjunktiv I.
  case indirect
  /// Information tied to a source by an adjunct ("według", "laut", "по данным", "according to").
  case attributed
  /// The outlet's own voice.
  case assertion

  public var isReported: Bool { self != .assertion }
}

/// Whose words a finding stands in.
public enum Voice: String, Codable, CaseIterable, Sendable {
  /// The outlet's own words.
  case authorial
  /// Inside a quotation or reported speech: a source's words.
  case reported
}

/// How a reporting verb presents what it reports.
public enum Stance: String, Codable, CaseIterable, Sendable {
  case neutral, distancing, presupposing, emotive
}
