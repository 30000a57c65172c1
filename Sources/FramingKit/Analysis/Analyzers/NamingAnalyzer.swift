/// Finds politically loaded naming choices (Weißrussland/Belarus, Kiev/Kyiv, "на Украине"/"в Украине",
/// Łukaszenko/Łukaszenka) with the side each variant is associated with.
///
/// Voice: reported only inside quotations: in indirect speech the outlet names places and people in
/// its own words.
/// Lexicons: naming.
/// Labels: naming-variant.
public struct NamingAnalyzer: Analyzer {
  public static let id = "naming"
  public static let summary = "Finds loaded naming choices and the side each variant is associated with."
  public static let requiredLexicons: Set<LexiconKind> = [.naming]

  public init() {}

  public func analyze(_ article: AttributedArticle, into findings: inout [Finding]) {
    for hit in article.scan.hits where hit.kind == .naming {
      let (side, refersTo, isStandard) = article.withEntry(of: hit) { ($0.pointee.side, $0.pointee.refersTo, $0.pointee.isStandard) }
      var details: LabelMap<String> = [:]
      if let side { details["side"] = side.rawValue }
      if let refersTo { details["refers_to"] = refersTo }
      details["marked"] = isStandard || side == .neutral ? "false" : "true"
      findings.append(article.finding(analyzer: Self.id, hit: hit, verbatimOnly: true, details: details))
    }
  }
}
