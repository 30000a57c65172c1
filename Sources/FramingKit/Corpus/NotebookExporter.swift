import Foundation

/// Writes a Jupyter notebook (nbformat 4.5) next to copies of a batch run's tables, so a researcher
/// opens the corpus in pandas at once: per-outlet indices, voice shares, top sources and loaded terms
/// by voice, with matplotlib charts. The output is deterministic: fixed cell ids, sorted keys.
public enum NotebookExporter {
  static let tables = ["articles.csv", "findings.csv", "sentences.csv"]

  public enum ExportError: Error, CustomStringConvertible {
    case missingTable(String)
    public var description: String {
      switch self {
      case .missingTable(let path): "\(path): not found; run 'framing batch INPUT --out DIR' first and pass that DIR to '--from'"
      }
    }
  }

  struct Cell: Encodable {
    let cellType: String
    let id: String
    let metadata: [String: String] = [:]
    let source: [String]
    let outputs: [String]?
    let executionCount: Int?

    enum CodingKeys: String, CodingKey { case cellType = "cell_type", id, metadata, source, outputs, executionCount = "execution_count" }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(cellType, forKey: .cellType)
      try container.encode(id, forKey: .id)
      try container.encode(metadata, forKey: .metadata)
      try container.encode(source, forKey: .source)
      if cellType == "code" {
        try container.encode(outputs ?? [], forKey: .outputs)
        try container.encodeNil(forKey: .executionCount)
      }
    }
  }

  struct Notebook: Encodable {
    struct Kernel: Encodable { let displayName = "Python 3"; let language = "python"; let name = "python3"
      enum CodingKeys: String, CodingKey { case displayName = "display_name", language, name } }
    struct Info: Encodable { let name = "python" }
    struct Metadata: Encodable { let kernelspec = Kernel(); let languageInfo = Info()
      enum CodingKeys: String, CodingKey { case kernelspec, languageInfo = "language_info" } }
    let cells: [Cell]
    let metadata = Metadata()
    let nbformat = 4
    let nbformatMinor = 5
    enum CodingKeys: String, CodingKey { case cells, metadata, nbformat, nbformatMinor = "nbformat_minor" }
  }

  private static func lines(_ text: String) -> [String] {
    let parts = text.components(separatedBy: "\n")
    return parts.enumerated().map { $0.offset < parts.count - 1 ? $0.element + "\n" : $0.element }.filter { !$0.isEmpty }
  }

  static func notebook() -> Notebook {
    var cells: [Cell] = []
    func markdown(_ text: String) { cells.append(Cell(cellType: "markdown", id: "cell-\(cells.count + 1)", source: lines(text), outputs: nil, executionCount: nil)) }
    func code(_ text: String) { cells.append(Cell(cellType: "code", id: "cell-\(cells.count + 1)", source: lines(text), outputs: [], executionCount: nil)) }
    markdown("""
    # Framing profiles of a corpus

    Tables written by `framing batch` (copied into `data/`): one row per article (`articles.csv`, every score and index),
    one per finding (`findings.csv`: analyzer, label, voice, entity, span, text) and one per sentence (`sentences.csv`).
    Formulas are documented in framing's README.
    """)
    code("""
    import pandas as pd
    import matplotlib.pyplot as plt

    articles = pd.read_csv("data/articles.csv")
    findings = pd.read_csv("data/findings.csv", keep_default_na=False)
    sentences = pd.read_csv("data/sentences.csv", keep_default_na=False)
    articles["outlet"] = articles["outlet"].fillna("(unknown outlet)")
    print(len(articles), "articles,", len(findings), "findings,", len(sentences), "sentences")
    """)
    markdown("## Indices per outlet")
    code("""
    indices = [column for column in articles.columns if column.startswith("index.")]
    per_outlet = articles.groupby("outlet")[indices].mean().round(3)
    per_outlet
    """)
    code("""
    per_outlet.plot.bar(figsize=(10, 4), title="Mean composite indices per outlet")
    plt.ylabel("index value")
    plt.tight_layout()
    plt.show()
    """)
    markdown("## Voice shares")
    code("""
    voices = sentences.groupby(["article", "voice"]).size().unstack(fill_value=0)
    voices = voices.div(voices.sum(axis=1), axis=0)
    voices.mean().sort_values().plot.barh(title="Mean share of sentences per voice")
    plt.xlabel("share of sentences")
    plt.tight_layout()
    plt.show()
    voices.round(3)
    """)
    markdown("## Top sources")
    code("""
    sources = findings[(findings["analyzer"] == "sourcing") & findings["label"].isin(["attributed", "speaker", "byline"])]
    top = sources.groupby("entity")["article"].nunique().sort_values(ascending=False).head(20)
    top.plot.barh(title="Sources: number of articles that cite them")
    plt.gca().invert_yaxis()
    plt.tight_layout()
    plt.show()
    top
    """)
    markdown("## Loaded terms by voice")
    code("""
    loaded = findings[findings["analyzer"] == "loaded-terms"]
    by_voice = pd.crosstab(loaded["label"], loaded["voice"])
    if not by_voice.empty:
        by_voice.plot.bar(stacked=True, title="Loaded terms: the outlet's own voice or reported")
        plt.tight_layout()
        plt.show()
    by_voice
    """)
    code("""
    loaded.groupby(["text", "label", "voice"]).size().sort_values(ascending=False).head(30)
    """)
    return Notebook(cells: cells)
  }

  /// Copies the tables of a batch folder and writes `framing.ipynb` into the target folder.
  public static func export(from source: URL, to target: URL) throws {
    for table in tables where !FileManager.default.fileExists(atPath: source.appendingPathComponent(table).path) {
      throw ExportError.missingTable((source.relativePath as NSString).appendingPathComponent(table))
    }
    let data = target.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    for table in tables {
      let text = try String(contentsOf: source.appendingPathComponent(table), encoding: .utf8)
      try AtomicFile.write(text, to: data.appendingPathComponent(table))
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let json = String(decoding: try encoder.encode(notebook()), as: UTF8.self)
    try AtomicFile.write(json + "\n", to: target.appendingPathComponent("framing.ipynb"))
  }
}
