import Foundation

/// A JSONL file of article metadata ({"id", "file", "title", "outlet", "published", "url", "language",
/// "byline"}, other fields ignored), matched to inputs by file name or id.
public struct MetadataFile: Sendable {
  public let records: [String: ArticleMetadata]

  public init(path: String) throws(TextError) {
    guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(file: path, reason: "no such file") }
    var records: [String: ArticleMetadata] = [:]
    for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
        throw .undecodable(file: "\(path):\(index + 1)", reason: "not a JSON object")
      }
      let metadata = ArticleMetadata(
        title: object["title"] as? String, outlet: object["outlet"] as? String, published: object["published"] as? String,
        url: object["url"] as? String, language: object["language"] as? String, byline: object["byline"] as? String)
      if let file = object["file"] as? String { records[file] = metadata }
      if let id = object["id"] as? String { records[id] = metadata }
    }
    self.records = records
  }

  /// The metadata of an input path, by its file name or its id (file name without extension).
  public func metadata(for path: String) -> ArticleMetadata? {
    let url = URL(fileURLWithPath: path)
    return records[url.lastPathComponent] ?? records[url.deletingPathExtension().lastPathComponent]
  }
}
