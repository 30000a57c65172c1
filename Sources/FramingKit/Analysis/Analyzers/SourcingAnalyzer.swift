/// Finds every source mention (registry entity) with its role: attributed, speaker, mentioned,
/// byline or credit.
///
/// A mention that only names an entity counts as a source mention when the entity could be a source
/// here: an outlet or agency, a principal actor of the registry, or an entity that is a source
/// elsewhere in the same article. Other named people and bodies are only the story's subject
/// ("Pratasevich was detained"), not its sourcing.
///
/// Voice: reported when the mention stands inside a quotation or reported clause, else authorial.
/// Lexicons: sources, attribution, reporting-verbs, clause-markers (through the who-speaks stage).
/// Labels: attributed, speaker, mentioned, byline, credit.
public struct SourcingAnalyzer: Analyzer {
  public static let id = "sourcing"
  public static let summary = "Finds every source mention with its role: attributed, speaker, mentioned, byline or credit."
  public static let requiredLexicons: Set<LexiconKind> = [.sources, .attribution, .reportingVerbs]

  public init() {}

  public func analyze(_ article: AttributedArticle, into findings: inout [Finding]) {
    let sources = Set(article.speech.mentions.filter { $0.role != .mentioned }.map(\.entity))
    let mentions = article.speech.mentions.filter { mention in
      guard mention.role == .mentioned, !sources.contains(mention.entity) else { return true }
      guard let position = article.lexicons.entityPosition(mention.entity) else { return false }
      // Outlets (and people working for them): their every mention is relevant to sourcing, quoted or not.
      return article.lexicons.entities[position].principal || SourceEntity.outletKinds.contains(article.lexicons.entities[position].kind)
    }
    // Registry fields are read in place: copying an entity would retain all of its strings and tables.
    let entities = article.lexicons.entities
    for mention in mentions {
      let (voice, speaker) = article.speech.voice(of: mention.span, sentence: mention.sentence)
      let position = article.lexicons.entityPosition(mention.entity)
      // Details are set in name order, so that each is appended.
      var details: LabelMap<String> = [:]
      if mention.sentence >= 0,
         let cue = article.speech.sentences[mention.sentence].cues.first(where: { $0.entity == mention.entity }) {
        details["cue"] = cue.category
      }
      if let position { details["kind"] = entities[position].kind }
      if mention.isAnaphor {
        details["match"] = "anaphor"
      } else if mention.isDescription {
        details["match"] = "description"
      }
      if let position { details["state_affiliated"] = entities[position].stateAffiliated ? "true" : "false" }
      findings.append(Finding(analyzer: Self.id, label: mention.role.rawValue, span: mention.span, sentence: mention.sentence,
                              voice: voice, entity: mention.entity, speaker: speaker == mention.entity ? nil : speaker,
                              entry: position.map { article.lexicons.entityReferences[$0] } ?? LexiconSet.entityReference(mention.entity),
                              surfaceText: article.text.slice(mention.span), details: details))
    }
  }
}
