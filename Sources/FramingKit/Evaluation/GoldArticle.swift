import Foundation

/// One hand-annotated article in the gold format: strings are verbatim substrings of `text`; an
/// optional `start` (code points) picks the occurrence meant.
public struct GoldArticle: Sendable {
  public struct Mention: Sendable { public let entity: String; public let role: String; public let span: TextSpan }
  public struct SentenceLabel: Sendable { public let voice: String; public let sources: [String]; public let span: TextSpan }
  public struct Marked: Sendable { public let type: String; public let voice: String; public let span: TextSpan }

  public let id: String
  public let language: Language?
  public let text: String
  public let boilerplate: [TextSpan]
  public let sources: [Mention]
  public let sentences: [SentenceLabel]
  public let hedges: [Marked]
  public let loaded: [Marked]

  /// Reads a gold JSONL file; errors name the file and line.
  public static func read(_ path: String) throws(TextError) -> [GoldArticle] {
    guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(file: path, reason: "no such file") }
    var articles: [GoldArticle] = []
    for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let id = object["id"] as? String, let text = object["text"] as? String else {
        throw .undecodable(file: "\(path):\(number + 1)", reason: "not a gold article (a JSON object with id and text)")
      }
      articles.append(GoldArticle(id: id, language: (object["language"] as? String).flatMap(Language.init(rawValue:)), object: object, text: text))
    }
    return articles
  }

  init(id: String, language: Language?, object: [String: Any], text: String) {
    self.id = id
    self.language = language
    let normalized = Document(id: id, text: text).text
    self.text = normalized
    let scalars = Array(normalized.unicodeScalars)
    func locate(_ surface: String, _ start: Int?, from: Int = 0) -> TextSpan? {
      let needle = Array(Document(id: "", text: surface).text.unicodeScalars)
      guard !needle.isEmpty, needle.count <= scalars.count else { return nil }
      if let start, start + needle.count <= scalars.count, Array(scalars[start..<start + needle.count]) == needle {
        return TextSpan(start: start, end: start + needle.count)
      }
      var index = from
      while index + needle.count <= scalars.count {
        if scalars[index] == needle[0] && Array(scalars[index..<index + needle.count]) == needle {
          return TextSpan(start: index, end: index + needle.count)
        }
        index += 1
      }
      return nil
    }
    let records = { (key: String) in object[key] as? [[String: Any]] ?? [] }
    // A line listed twice means its second occurrence, and so on.
    var nextStart: [String: Int] = [:]
    boilerplate = (object["boilerplate"] as? [String] ?? []).compactMap { line in
      let span = locate(line, nil, from: nextStart[line] ?? 0)
      if let span { nextStart[line] = span.end }
      return span
    }
    sources = records("sources").compactMap { record in
      guard let entity = record["entity"] as? String, let surface = record["surface"] as? String,
            let span = locate(surface, record["start"] as? Int) else { return nil }
      return Mention(entity: entity, role: record["role"] as? String ?? "mentioned", span: span)
    }
    sentences = records("sentences").compactMap { record in
      guard let surface = record["text"] as? String, let span = locate(surface, record["start"] as? Int) else { return nil }
      return SentenceLabel(voice: record["voice"] as? String ?? "assertion", sources: record["speakers_or_sources"] as? [String] ?? [], span: span)
    }
    func marked(_ key: String) -> [Marked] {
      records(key).compactMap { record in
        guard let surface = record["surface"] as? String, let span = locate(surface, record["start"] as? Int) else { return nil }
        return Marked(type: record["type"] as? String ?? "", voice: record["voice"] as? String ?? "authorial", span: span)
      }
    }
    hedges = marked("hedges")
    loaded = marked("loaded")
  }
}
