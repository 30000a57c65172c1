/// Finds every source mention (registry entity) with its role: attributed, speaker, mentioned,
/// byline or credit.
///
/// Voice: reported when the mention stands inside a quotation or reported clause, else authorial.
/// Lexicons: sources, attribution, reporting-verbs, clause-markers (through the who-speaks stage).
/// Labels: attributed, speaker, mentioned, byline, credit.
public struct SourcingAnalyzer: Analyzer {
  public static let id = "sourcing"
  public static let summary = "Finds every source mention with its role: attributed, speaker, mentioned, byline or credit."
  public static let requiredLexicons: Set<LexiconKind> = [.sources, .attribution, .reportingVerbs]

  public init() {}

  public func analyze(_ article: AttributedArticle) -> [Finding] {
    article.speech.mentions.map { mention in
      let (voice, speaker) = article.speech.voice(of: mention.span, sentence: mention.sentence)
      var details: [String: String] = [:]
      if let entity = article.lexicons.entity(mention.entity) {
        details["kind"] = entity.kind
        details["state_affiliated"] = entity.stateAffiliated ? "true" : "false"
      }
      if mention.isDescription { details["match"] = "description" }
      if mention.isAnaphor { details["match"] = "anaphor" }
      if mention.sentence >= 0,
         let cue = article.speech.sentences[mention.sentence].cues.first(where: { $0.entity == mention.entity }) {
        details["cue"] = cue.category
      }
      return Finding(analyzer: Self.id, label: mention.role.rawValue, span: mention.span, sentence: mention.sentence,
                     voice: voice, entity: mention.entity, speaker: speaker == mention.entity ? nil : speaker,
                     entry: "sources#\(mention.entity)", surface: article.text.text(mention.span), details: details)
    }
  }
}
